import { describe, expect, it } from 'vitest';
import { TABLE_COLUMNS, type ColumnSpec } from './layer-columns.js';
import { checkValue } from './row-checks.js';

const column = (table: keyof typeof TABLE_COLUMNS, name: string): ColumnSpec =>
  (TABLE_COLUMNS[table] as readonly ColumnSpec[]).find((c) => c.name === name)!;

const dataset = { source: 'dataset', required: true } as const;
const imported = { source: 'import', required: true } as const;

describe('checking one value against its column', () => {
  it('refuses a value outside the vocabulary with the same code from a dataset and from an import', () => {
    for (const o of [dataset, imported]) {
      const checked = checkValue(column('cameras', 'kind'), 'fisheye', o);
      expect(checked).toMatchObject({ ok: false, problem: { code: 'unknown_value', params: { value: 'fisheye' } } });
    }
  });

  it('reads numbers and numeric vocabularies from an import’s text but wants them typed in a dataset', () => {
    expect(checkValue(column('cameras', 'heading'), ' 90 ', imported)).toEqual({ ok: true, value: 90 });
    expect(checkValue(column('cameras', 'heading'), '90', dataset)).toMatchObject({
      ok: false,
      problem: { code: 'not_integer', params: { min: 0, max: 359 } },
    });
    expect(checkValue(column('risk_points', 'level'), '2', imported)).toEqual({ ok: true, value: 2 });
    expect(checkValue(column('risk_points', 'level'), '2', dataset).ok).toBe(false);
  });

  it('takes an import’s plain time at the given offset, and wants a dataset’s time with its offset', () => {
    const lastSeen = column('cameras', 'last_seen');
    expect(checkValue(lastSeen, '2026-06-30 09:00', { ...imported, plainOffset: '+08:00' })).toEqual({
      ok: true,
      value: '2026-06-30T01:00:00.000Z',
    });
    expect(checkValue(lastSeen, '2026-06-30 09:00', dataset)).toMatchObject({
      ok: false,
      problem: { code: 'not_time' },
    });
    expect(checkValue(lastSeen, '2026-06-30T09:00:00+08:00', dataset)).toEqual({
      ok: true,
      value: '2026-06-30T09:00:00+08:00',
    });
  });

  it('counts an empty text as missing in an import, and lets an optional column be absent', () => {
    expect(checkValue(column('cameras', 'owner_unit'), '  ', imported)).toMatchObject({
      ok: false,
      problem: { code: 'missing', params: { column: 'owner_unit' } },
    });
    expect(checkValue(column('cameras', 'status'), '', { ...imported, required: false })).toEqual({
      ok: true,
      value: null,
    });
  });

  it('checks codes by their form and control characters in an import’s text', () => {
    expect(checkValue(column('cameras', 'id'), 'C001', imported)).toMatchObject({
      ok: false,
      problem: { code: 'bad_code', params: { form: 'camera', value: 'C001' } },
    });
    expect(checkValue(column('cameras', 'name'), 'a\u202Eb', imported)).toMatchObject({
      ok: false,
      problem: { code: 'unsafe_text' },
    });
  });
});
