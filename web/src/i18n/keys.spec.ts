import { describe, expect, it } from 'vitest';
import {
  CAMERA_KINDS,
  CAMERA_STATUSES,
  CASE_CATEGORIES,
  CASE_SEVERITIES,
  CASE_SOURCES,
  CASE_STATUSES,
  HANDLED_LEVELS,
  RISK_CATEGORIES,
  RISK_LEVELS,
} from '../../../server/src/domain/vocabulary.js';
import { en } from './en.js';
import { languageFromSearch } from './index.js';
import { zh } from './zh.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the texts', () => {
  const zhLeaves = leaves(zh);
  const enLeaves = leaves(en as Tree);

  it('have the same keys in Chinese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of zhLeaves) expect(variables(enLeaves.get(key)!), key).toEqual(variables(text));
  });

  it('leave no Chinese text empty', () => {
    for (const [key, text] of zhLeaves) expect(text.trim(), key).not.toBe('');
  });

  it('say every server message in Chinese with Han characters and in English without', () => {
    const han = /\p{Script=Han}/u;
    const server = [...zhLeaves.keys()].filter((key) => key.startsWith('server.'));
    expect(server.length).toBeGreaterThan(100);
    for (const key of server) {
      expect(zhLeaves.get(key), key).toMatch(han);
      expect(enLeaves.get(key), key).not.toMatch(han);
    }
  });

  it('name every value of the vocabularies the wall shows', () => {
    const cover = (group: Record<string, string>, values: readonly (string | number)[]) =>
      expect(Object.keys(group).sort()).toEqual(values.map(String).sort());
    cover(zh.status, CASE_STATUSES);
    cover(zh.category, CASE_CATEGORIES);
    cover(zh.severity, CASE_SEVERITIES);
    cover(zh.source, CASE_SOURCES);
    cover(zh.handledLevel, HANDLED_LEVELS);
    cover(zh.cameraStatus, CAMERA_STATUSES);
    cover(zh.cameraKind, CAMERA_KINDS);
    cover(zh.riskLevel, RISK_LEVELS);
    cover(zh.riskCategory, RISK_CATEGORIES);
  });
});

describe('languageFromSearch', () => {
  it('is Chinese unless English is asked for', () => {
    expect(languageFromSearch('')).toBe('zh');
    expect(languageFromSearch('?lang=en')).toBe('en');
    expect(languageFromSearch('?lang=fr')).toBe('zh');
  });
});
