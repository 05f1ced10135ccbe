import { describe, expect, it } from 'vitest';
import { reportHealth, staleSince, type Health } from './health.js';

const at = (hm: string) => new Date(`2026-06-30T${hm}:00+08:00`);

describe('wall health', () => {
  it('is current while every source succeeds', () => {
    let h: Health = {};
    h = reportHealth(h, 'snapshot', true, at('10:00'));
    h = reportHealth(h, 'live', true, at('10:00'));
    expect(staleSince(h)).toBeNull();
  });

  it('is stale since the failing source last succeeded', () => {
    let h: Health = {};
    h = reportHealth(h, 'snapshot', true, at('10:00'));
    h = reportHealth(h, 'map', true, at('09:55'));
    h = reportHealth(h, 'snapshot', true, at('10:01'));
    h = reportHealth(h, 'snapshot', false, at('10:02'));
    h = reportHealth(h, 'map', false, at('10:03'));
    expect(staleSince(h)).toEqual({ since: at('09:55') });
    h = reportHealth(h, 'map', true, at('10:04'));
    expect(staleSince(h)).toEqual({ since: at('10:01') });
    h = reportHealth(h, 'snapshot', true, at('10:05'));
    expect(staleSince(h)).toBeNull();
  });

  it('says stale without a time when a source never succeeded', () => {
    const h = reportHealth({}, 'live', false, at('10:00'));
    expect(staleSince(h)).toEqual({ since: null });
  });

  it('does not change on repeated failures', () => {
    const h = reportHealth({}, 'live', false, at('10:00'));
    expect(reportHealth(h, 'live', false, at('10:01'))).toBe(h);
  });
});
