import { describe, expect, it } from 'vitest';
import { isSupervisionOverdue, nextStep, supervisionCode, supervisionState, supervisionTarget } from './supervision.js';

describe('supervision targets', () => {
  it('reads a unit code as a unit of its city', () => {
    expect(supervisionTarget('371702000000')).toEqual({
      kind: 'unit',
      code: '371702000000',
      unitCode: '371702000000',
      city4: '3717',
    });
  });

  it('reads a case code as a case filed under its village', () => {
    expect(supervisionTarget('371702005001202606300001')).toMatchObject({
      kind: 'case',
      unitCode: '371702005001',
      city4: '3717',
    });
  });

  it('names nothing with a province code, a grid code or a malformed code', () => {
    for (const code of ['370000000000', '371702005001001', '3717', '37170200500120260630000x', 'x']) {
      expect(supervisionTarget(code), code).toBeNull();
    }
  });
});

describe('supervision codes', () => {
  it('writes the unit, the issuing level and a six-digit serial', () => {
    expect(supervisionCode('371702000000', 'province', 1)).toBe('371702000000P000001');
    expect(supervisionCode('371702000000', 'city', 42)).toBe('371702000000C000042');
  });

  it('refuses a serial beyond six digits', () => {
    expect(() => supervisionCode('371702000000', 'city', 1_000_000)).toThrow(/1..999999/);
  });
});

describe('supervision steps', () => {
  it('goes open, acknowledged, closed', () => {
    expect(supervisionState([])).toBe('open');
    expect(supervisionState(['acknowledged'])).toBe('acknowledged');
    expect(supervisionState(['acknowledged', 'closed'])).toBe('closed');
  });

  it('acknowledges only an open order and closes only an acknowledged one', () => {
    expect(nextStep('open', 'acknowledged').ok).toBe(true);
    expect(nextStep('acknowledged', 'closed').ok).toBe(true);
    expect(nextStep('open', 'closed')).toEqual({ ok: false, error: { needs: 'acknowledged', state: 'open' } });
    expect(nextStep('closed', 'acknowledged')).toEqual({ ok: false, error: { needs: 'open', state: 'closed' } });
  });

  it('counts an order overdue only while not closed', () => {
    const deadline = new Date('2026-07-01T00:00:00Z');
    const after = new Date('2026-07-02T00:00:00Z');
    expect(isSupervisionOverdue('acknowledged', deadline, after)).toBe(true);
    expect(isSupervisionOverdue('closed', deadline, after)).toBe(false);
    expect(isSupervisionOverdue('open', deadline, new Date('2026-06-30T00:00:00Z'))).toBe(false);
  });
});
