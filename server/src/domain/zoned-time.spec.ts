import { describe, expect, it } from 'vitest';
import { isoInZone } from './zoned-time.js';

describe('writing an instant in a zone', () => {
  it('gives Beijing time with its offset, the same instant as the UTC form', () => {
    const at = new Date('2026-06-30T01:02:03.045Z');
    expect(isoInZone(at, 'Asia/Shanghai')).toBe('2026-06-30T09:02:03.045+08:00');
    expect(Date.parse(isoInZone(at, 'Asia/Shanghai'))).toBe(at.getTime());
  });

  it('follows a zone across midnight and summer time, and writes UTC as +00:00', () => {
    expect(isoInZone(new Date('2026-01-15T03:00:00Z'), 'America/New_York')).toBe('2026-01-14T22:00:00.000-05:00');
    expect(isoInZone(new Date('2026-07-15T03:00:00Z'), 'America/New_York')).toBe('2026-07-14T23:00:00.000-04:00');
    expect(isoInZone(new Date('2026-07-15T03:00:00Z'), 'UTC')).toBe('2026-07-15T03:00:00.000+00:00');
  });
});
