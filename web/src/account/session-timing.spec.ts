import { describe, expect, it } from 'vitest';
import { IdleWatch, MIN_RENEW_DELAY_MS, renewDelayMs, tokenLifetimeMs } from './session-timing.js';
import { FakeTimers, jwt } from './test-timers.js';

describe('renewing the token', () => {
  it('renews two minutes before a 30-minute token expires, whatever the clocks say', () => {
    const token = jwt({ iat: 1_900_000_000, exp: 1_900_001_800 });
    expect(tokenLifetimeMs(token)).toBe(1_800_000);
    expect(renewDelayMs(token)).toBe(28 * 60_000);
  });

  it('renews a short token at three quarters of its life, and never sooner than the minimum', () => {
    expect(renewDelayMs(jwt({ iat: 0, exp: 240 }))).toBe(180_000);
    expect(renewDelayMs(jwt({ iat: 0, exp: 4 }))).toBe(MIN_RENEW_DELAY_MS);
  });

  it('does not renew a token that does not say how long it lives', () => {
    expect(renewDelayMs(jwt({ exp: 100 }))).toBeNull();
    expect(renewDelayMs('not-a-token')).toBeNull();
  });
});

describe('the idle watch', () => {
  it('signs out once after the limit without activity', () => {
    const timers = new FakeTimers();
    let idle = 0;
    new IdleWatch(60_000, () => idle++, timers);
    timers.advance(59_999);
    expect(idle).toBe(0);
    timers.advance(1);
    timers.advance(120_000);
    expect(idle).toBe(1);
  });

  it('starts the limit again with each activity', () => {
    const timers = new FakeTimers();
    let idle = 0;
    const watch = new IdleWatch(60_000, () => idle++, timers);
    timers.advance(50_000);
    watch.activity();
    timers.advance(50_000);
    expect(idle).toBe(0);
    timers.advance(10_000);
    expect(idle).toBe(1);
  });

  it('does not sign out once stopped (the page left)', () => {
    const timers = new FakeTimers();
    let idle = 0;
    const watch = new IdleWatch(60_000, () => idle++, timers);
    watch.stop();
    timers.advance(120_000);
    expect(idle).toBe(0);
  });
});
