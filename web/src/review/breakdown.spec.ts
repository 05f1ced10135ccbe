import { describe, expect, it } from 'vitest';
import type { IndexIndicator, StabilityIndex } from '../stability/queries.js';
import { breakdownRows, breakdownTable, rankingTable } from './breakdown.js';

const indicator = (over: Partial<IndexIndicator>): IndexIndicator => ({
  key: 'case_rate',
  label: '案件率',
  labelEn: 'Case rate',
  unit: 'per 10,000 residents',
  direction: 'negative',
  rawValue: 12,
  normalised: 0.5,
  weight: 0.6,
  contribution: 30,
  ...over,
});

const index = (score: number, indicators: IndexIndicator[]): StabilityIndex => ({
  unitCode: '371702005000',
  unitName: '牡丹街道',
  level: 'township',
  period: 'month',
  periodStart: '2026-05-01',
  periodEnd: '2026-05-31',
  score,
  band: 'orange',
  population: 1000,
  weightsVersion: '2026.1',
  revision: 1,
  publishedBy: 'demo-admin',
  publishedAt: '2026-06-01T00:00:00Z',
  rank: 1,
  rankOf: 1,
  indicators,
});

const TEXTS = {
  indicator: '指标',
  raw: '原始值',
  normalised: '标准化',
  weight: '权重',
  contribution: '贡献分',
  change: '变化',
  total: '合计',
  periodA: '本期',
  periodB: '对比期',
};

describe('the indicator breakdown', () => {
  const a = index(50.3, [
    indicator({}),
    indicator({
      key: 'camera_online_rate',
      label: '在线率',
      labelEn: 'Online',
      rawValue: null,
      normalised: null,
      weight: 0.4,
      contribution: 20.3,
    }),
  ]);
  const b = index(45.1, [indicator({ contribution: 25.1, rawValue: 14 })]);

  it('takes every indicator of A in order, in the language asked for', () => {
    const rows = breakdownRows(a, null, 'en');
    expect(rows.map((r) => [r.key, r.label, r.contribution])).toEqual([
      ['case_rate', 'Case rate', 30],
      ['camera_online_rate', 'Online', 20.3],
    ]);
    expect(rows[0]!.compare).toBeNull();
  });

  it('sets B beside A with the change in points, and nothing where B lacks the indicator', () => {
    const rows = breakdownRows(a, b, 'zh');
    expect(rows[0]!.compare).toEqual({ raw: 14, contribution: 25.1 });
    expect(rows[0]!.change).toBe(4.9);
    expect(rows[1]!.compare).toBeNull();
    expect(rows[1]!.change).toBeNull();
  });

  it('writes the table with the score as the total, and B with the change when comparing', () => {
    const plain = breakdownTable(breakdownRows(a, null, 'zh'), { a: 50.3, b: null }, TEXTS, false);
    expect(plain.header).toEqual(['指标', '原始值', '标准化', '权重', '贡献分']);
    expect(plain.rows.at(-1)).toEqual(['合计', null, null, 1, 50.3]);
    const compared = breakdownTable(breakdownRows(a, b, 'zh'), { a: 50.3, b: 45.1 }, TEXTS, true);
    expect(compared.header.slice(5)).toEqual(['对比期 原始值', '对比期 贡献分', '变化']);
    expect(compared.rows[0]).toEqual(['案件率', 12, 0.5, 0.6, 30, 14, 25.1, 4.9]);
    expect(compared.rows.at(-1)!.slice(5)).toEqual([null, 45.1, 5.2]);
  });

  it('writes the ranking with band names', () => {
    const table = rankingTable(
      [{ rank: 1, unitCode: '371702005202', unitName: '迎春村', score: 77.5, band: 'blue', previousScore: null }],
      { rank: '名次', code: '编码', name: '名称', score: '指数', band: '等级', previous: '上期' },
      (band) => (band === 'blue' ? '蓝色' : band),
    );
    expect(table.rows).toEqual([[1, '371702005202', '迎春村', 77.5, '蓝色', null]]);
  });
});
