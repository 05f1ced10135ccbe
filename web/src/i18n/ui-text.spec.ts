import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { SYMBOLS, textsOf, uiText } from './ui-text.js';
import { zh } from './zh.js';

describe('the UI’s own characters', () => {
  it('collects every text of a nested object', () => {
    expect(textsOf({ a: '综治', b: { c: '中心', d: ['网格'] }, n: 3 })).toBe('综治中心网格');
  });

  it('holds the translations and the symbols, each character once', () => {
    const text = uiText({ a: '综治中心', b: '中心' });
    expect(text.startsWith('综治中心')).toBe(true);
    for (const c of SYMBOLS) expect(text).toContain(c);
    expect(text.length).toBe(new Set(text).size);
    expect(uiText(zh)).toContain('态');
    expect(uiText(en)).toContain('▶');
  });

  it('covers every character outside ASCII that the components write themselves', () => {
    // Texts in the components' own source (not through t()): each must be a symbol here, or its
    // font file would come in only once the page is laid out. Comments are left out.
    const root = join(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(10);
    const known = uiText(zh) + uiText(en);
    const strays = new Set<string>();
    for (const file of files.map((name) => join(root, name))) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const c of code) if (c.codePointAt(0)! > 0x7f && !known.includes(c)) strays.add(c);
    }
    expect([...strays]).toEqual([]);
  });
});
