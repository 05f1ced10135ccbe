import { describe, expect, it } from 'vitest';
import { auditCsvPath, auditFilter, daysReversed, EMPTY_FORM } from './audit-api.js';

describe("the audit page's filter", () => {
  it('asks for whole days in Beijing time, the last one included', () => {
    const filter = auditFilter({ ...EMPTY_FORM, fromDay: '2026-06-29', toDay: '2026-06-30' }, 'Asia/Shanghai');
    expect(filter).toEqual({ from: '2026-06-28T16:00:00.000Z', to: '2026-06-30T16:00:00.000Z' });
  });

  it('leaves out empty and blank fields and trims the others', () => {
    expect(
      auditFilter({ ...EMPTY_FORM, username: '  demo-sysadmin ', target: ' ', outcome: 'denied_role' }, 'UTC'),
    ).toEqual({ username: 'demo-sysadmin', outcome: 'denied_role' });
  });

  it('exports the same filter as CSV, escaped as URL parameters', () => {
    expect(auditCsvPath(EMPTY_FORM, 'UTC')).toBe('/exports/audit.csv');
    expect(auditCsvPath({ ...EMPTY_FORM, operation: 'createAccount', target: 'wang&li' }, 'UTC')).toBe(
      '/exports/audit.csv?operation=createAccount&target=wang%26li',
    );
  });

  it('tells days the wrong way round', () => {
    expect(daysReversed({ ...EMPTY_FORM, fromDay: '2026-06-30', toDay: '2026-06-01' })).toBe(true);
    expect(daysReversed({ ...EMPTY_FORM, fromDay: '2026-06-30', toDay: '2026-06-30' })).toBe(false);
  });
});
