/**
 * Where a sign-in stands on the screen, from what the server answered: the password, then
 * (as the server asks) a code of the authenticator app or a recovery code, a new password, the
 * enrolment of a second factor, the recovery codes shown once, and signed in. Pure.
 */

export type Permission = string;

/** The account signed in, as `me` and the sign-in tell it. */
export interface SignedInUser {
  username: string;
  displayName: string;
  role: string;
  jurisdiction: string;
  permissions: Permission[];
  /** Seconds without activity after which the session ends; null: never (the wall). */
  idleSeconds: number | null;
}

export interface PasswordRules {
  minLength: number;
  minClasses: number;
  forbidUsername: boolean;
  historyCount: number;
  maxAgeDays: number;
}

export interface Enrolment {
  secret: string;
  uri: string;
  /** The QR code, drawn by the server as SVG (shown as an image, never as markup). */
  qrSvg: string;
}

/** What login and continueSignIn answer. */
export interface AuthPayload {
  step: 'done' | 'second_factor' | 'change_password' | 'enrol_second_factor';
  token: string | null;
  expiresAt: string | null;
  challenge: string | null;
  user: SignedInUser | null;
  enrolment: Enrolment | null;
  recoveryCodes: string[] | null;
  passwordRules: PasswordRules | null;
}

export interface SignedIn {
  token: string;
  user: SignedInUser;
}

export type SignInState =
  | { screen: 'password' }
  | { screen: 'second_factor'; challenge: string; recovery: boolean }
  | { screen: 'change_password'; challenge: string; rules: PasswordRules | null }
  | { screen: 'enrol'; challenge: string; enrolment: Enrolment }
  | { screen: 'recovery_codes'; codes: string[]; signedIn: SignedIn }
  | { screen: 'done'; signedIn: SignedIn };

export const START: SignInState = { screen: 'password' };

function need<T>(value: T | null | undefined, what: string, step: string): T {
  if (value === null || value === undefined) throw new Error(`the server's ${step} step came without ${what}`);
  return value;
}

/** The screen that follows an answer of the server. */
export function afterPayload(payload: AuthPayload): SignInState {
  const challenge = () => need(payload.challenge, 'a challenge', payload.step);
  switch (payload.step) {
    case 'second_factor':
      return { screen: 'second_factor', challenge: challenge(), recovery: false };
    case 'change_password':
      return { screen: 'change_password', challenge: challenge(), rules: payload.passwordRules };
    case 'enrol_second_factor':
      return { screen: 'enrol', challenge: challenge(), enrolment: need(payload.enrolment, 'an enrolment', 'enrol') };
    case 'done': {
      const signedIn = { token: need(payload.token, 'a token', 'done'), user: need(payload.user, 'a user', 'done') };
      // Recovery codes come once, with the sign-in that enrolled the app: keep them on screen
      // until the person says they are saved.
      return payload.recoveryCodes?.length
        ? { screen: 'recovery_codes', codes: payload.recoveryCodes, signedIn }
        : { screen: 'done', signedIn };
    }
  }
}

/** "I have saved them": on from the recovery codes. */
export function codesSaved(state: SignInState): SignInState {
  return state.screen === 'recovery_codes' ? { screen: 'done', signedIn: state.signedIn } : state;
}

/** Switches the second-factor step between the app's code and a recovery code. */
export function toggleRecovery(state: SignInState): SignInState {
  return state.screen === 'second_factor' ? { ...state, recovery: !state.recovery } : state;
}

/**
 * The screen after a refused step: an expired or used challenge starts over at the password
 * (the server says `reason: challenge`); any other refusal stays on the step to try again.
 */
export function afterRefusal(state: SignInState, reason: unknown): SignInState {
  return reason === 'challenge' ? START : state;
}

/** A code as typed (spaces, a dash in the middle) in the form the server compares. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').trim();
}
