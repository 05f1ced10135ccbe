import { describe, expect, it } from 'vitest';
import { afterFailedLogin, afterSuccessfulLogin, isLocked, type LockoutState } from './lockout.js';

const NOW = new Date('2026-03-05T09:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const FRESH: LockoutState = { failedLogins: 0, lockedUntil: null };

function failTimes(times: number, state: LockoutState = FRESH, when = NOW): LockoutState {
  let next = state;
  for (let i = 0; i < times; i += 1) next = afterFailedLogin(next, when);
  return next;
}

describe('lockout policy', () => {
  it('counts failures without locking up to the fourth', () => {
    const state = failTimes(4);
    expect(state).toEqual({ failedLogins: 4, lockedUntil: null });
    expect(isLocked(state, NOW)).toBe(false);
  });

  it('locks for fifteen minutes at the fifth failure', () => {
    const state = failTimes(5);
    expect(state.failedLogins).toBe(5);
    expect(state.lockedUntil?.toISOString()).toBe('2026-03-05T09:15:00.000Z');
    expect(isLocked(state, NOW)).toBe(true);
    expect(isLocked(state, at(14.99))).toBe(true);
  });

  it('opens again when the fifteen minutes are over', () => {
    const state = failTimes(5);
    expect(isLocked(state, at(15))).toBe(false);
  });

  it('does not extend the lock for attempts made while locked', () => {
    const locked = failTimes(5);
    const hammered = failTimes(20, locked, at(10));
    expect(hammered).toEqual(locked);
  });

  it('gives five fresh tries after a lock has run out', () => {
    const afterLock = afterFailedLogin(failTimes(5), at(16));
    expect(afterLock).toEqual({ failedLogins: 1, lockedUntil: null });
    expect(isLocked(failTimes(3, afterLock, at(16)), at(16))).toBe(false);
    expect(isLocked(failTimes(4, afterLock, at(16)), at(16))).toBe(true);
  });

  it('clears the count on a successful login', () => {
    expect(afterSuccessfulLogin(failTimes(3))).toEqual(FRESH);
    expect(failTimes(4, afterSuccessfulLogin(failTimes(4)))).toEqual({ failedLogins: 4, lockedUntil: null });
  });

  it('does not change the state it is given', () => {
    const state = failTimes(4);
    afterFailedLogin(state, NOW);
    expect(state).toEqual({ failedLogins: 4, lockedUntil: null });
  });
});
