import { describe, expect, it } from 'vitest';
import { parseFeedParams } from './params.js';

describe('feed parameters', () => {
  it('reads every parameter of the cases feed', () => {
    const parsed = parseFeedParams('cases', {
      unit: '371702005000',
      bbox: '115.4,35.2,115.6,35.3',
      ids: '1',
      from: '2026-06-01T00:00:00+08:00',
      to: '2026-07-01T00:00:00+08:00',
      status: 'registered,mediating',
      category: 'land',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        area: { unitCode: '371702005000', bbox: [115.4, 35.2, 115.6, 35.3], near: null, polygon: null },
        ids: true,
        from: new Date('2026-05-31T16:00:00Z'),
        to: new Date('2026-06-30T16:00:00Z'),
        statuses: ['registered', 'mediating'],
        categories: ['land'],
      },
    });
  });

  it('asks for nothing when no parameter is given', () => {
    expect(parseFeedParams('cameras', {})).toMatchObject({
      ok: true,
      value: { area: { unitCode: null, bbox: null }, ids: false, from: null, statuses: null },
    });
  });

  it.each([
    ['115.4,35.2,115.6', 'four numbers'],
    ['115.4,35.2,115.6,abc', 'four numbers'],
    ['115.4,,115.6,35.3', 'four numbers'],
    ['115.6,35.2,115.4,35.3', 'min must be less than max'],
    ['115.4,35.2,200,35.3', 'outside lon'],
  ])('refuses the bbox "%s", saying it %s', (bbox, message) => {
    const parsed = parseFeedParams('cameras', { bbox });
    expect(parsed).toMatchObject({ ok: false, error: { field: 'bbox' } });
    expect(!parsed.ok && parsed.error.message).toContain(message);
  });

  it('refuses a malformed unit code', () => {
    expect(parseFeedParams('risk-points', { unit: '3717' })).toMatchObject({ ok: false, error: { field: 'unit' } });
  });

  it('refuses a parameter the feed does not have, naming it', () => {
    expect(parseFeedParams('cameras', { status: 'online' })).toMatchObject({ ok: false, error: { field: 'status' } });
    expect(parseFeedParams('cases', { untis: '371702005000' })).toMatchObject({ ok: false, error: { field: 'untis' } });
  });

  it('refuses a parameter given twice', () => {
    expect(parseFeedParams('cameras', { unit: ['371702005000', '371702005001'] })).toMatchObject({
      ok: false,
      error: { field: 'unit', message: 'must be given once' },
    });
  });

  it('refuses times without an offset and a reversed window', () => {
    expect(parseFeedParams('cases', { from: '2026-06-01' })).toMatchObject({ ok: false, error: { field: 'from' } });
    expect(
      parseFeedParams('cases', { from: '2026-06-02T00:00:00+08:00', to: '2026-06-01T00:00:00+08:00' }),
    ).toMatchObject({ ok: false, error: { field: 'from', message: 'must be before "to"' } });
  });

  it('refuses statuses and categories outside the vocabulary, listing the unknown ones', () => {
    const parsed = parseFeedParams('cases', { status: 'registered,closed' });
    expect(parsed).toMatchObject({ ok: false, error: { field: 'status' } });
    expect(!parsed.ok && parsed.error.message).toMatch(/^unknown value\(s\) "closed"; use registered/);
    expect(parseFeedParams('cases', { category: '' })).toMatchObject({ ok: false, error: { field: 'category' } });
  });

  it('accepts ids as 1, 0, true or false only', () => {
    expect(parseFeedParams('cameras', { ids: 'false' })).toMatchObject({ ok: true, value: { ids: false } });
    expect(parseFeedParams('cameras', { ids: 'yes' })).toMatchObject({ ok: false, error: { field: 'ids' } });
  });
});
