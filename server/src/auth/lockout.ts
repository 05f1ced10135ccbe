/**
 * Account lockout after repeated failed logins (MLPS 2.0 level 3 requires it). Pure policy over
 * the users row's `failed_logins` and `locked_until`; the caller stores what these return.
 */

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LockoutState {
  failedLogins: number;
  lockedUntil: Date | null;
}

const MS_PER_MINUTE = 60_000;

/** Locked until strictly before `lockedUntil`; at that instant the account opens again. */
export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && now.getTime() < state.lockedUntil.getTime();
}

/**
 * The state after a wrong password. The fifth failure locks the account for 15 minutes.
 * Attempts while locked are not counted (the password is not even checked then), so that
 * someone hammering a locked account cannot keep its owner out indefinitely. After a lock
 * runs out the count starts again, so the owner gets five fresh tries.
 */
export function afterFailedLogin(state: LockoutState, now: Date): LockoutState {
  if (isLocked(state, now)) return state;
  const failedLogins = (state.lockedUntil === null ? state.failedLogins : 0) + 1;
  const lockedUntil = failedLogins >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * MS_PER_MINUTE) : null;
  return { failedLogins, lockedUntil };
}

/** A successful login clears the count; callers check isLocked first and refuse locked accounts. */
export function afterSuccessfulLogin(_state: LockoutState): LockoutState {
  return { failedLogins: 0, lockedUntil: null };
}
