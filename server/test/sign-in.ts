/**
 * Signing in as an account with a second factor in API tests: the first sign-in enrols a TOTP
 * secret (kept here per test API and account), later ones give a code of it. A code's time step
 * is accepted once, so each sign-in moves the test clock on by one step first.
 */
import { totpCode } from '../src/auth/totp.js';
import type { TestApi } from './api.js';

const LOGIN = `mutation ($u: String!, $p: String!) {
  login(username: $u, password: $p) { step token challenge enrolment { secret } recoveryCodes }
}`;
const CONTINUE = `mutation ($c: String!, $code: String, $p: String) {
  continueSignIn(challenge: $c, code: $code, newPassword: $p) { step token challenge enrolment { secret } recoveryCodes }
}`;

export interface SignInPayload {
  step: string;
  token: string | null;
  challenge: string | null;
  enrolment: { secret: string } | null;
  recoveryCodes: string[] | null;
}

/** A clock tests can move; `startTestApi(driver, content, clock.now)`. */
export class TestClock {
  constructor(private at: Date) {}
  now = (): Date => this.at;
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

const secrets = new WeakMap<TestApi, Map<string, string>>();

/** The TOTP secret an account enrolled through signInWithSecondFactor. */
export function enrolledSecret(api: TestApi, username: string): string | undefined {
  return secrets.get(api)?.get(username);
}

/**
 * Signs in through every step (enrolling or giving a code, and setting `newPassword` when one
 * is asked for); returns the token and what the last step said.
 */
export async function signInWithSecondFactor(
  api: TestApi,
  clock: TestClock,
  username: string,
  password = 'demo',
  newPassword?: string,
): Promise<{ token: string; recoveryCodes: string[] | null }> {
  const known = secrets.get(api) ?? new Map<string, string>();
  secrets.set(api, known);
  clock.advance(30_000);
  const res = await api.gql<{ login: SignInPayload }>(LOGIN, { u: username, p: password });
  if (!res.data) throw new Error(`login ${username}: ${JSON.stringify(res.errors)}`);
  let payload = res.data.login;
  let recoveryCodes: string[] | null = null;
  for (let steps = 0; payload.step !== 'done'; steps += 1) {
    if (steps > 4) throw new Error(`sign-in of ${username} did not finish: ${payload.step}`);
    const variables: Record<string, unknown> = { c: payload.challenge };
    if (payload.step === 'enrol_second_factor') {
      known.set(username, payload.enrolment!.secret);
      variables.code = totpCode(payload.enrolment!.secret, clock.now());
    } else if (payload.step === 'second_factor') {
      variables.code = totpCode(known.get(username)!, clock.now());
    } else if (payload.step === 'change_password') {
      if (!newPassword) throw new Error(`${username} must change the password: give newPassword`);
      variables.p = newPassword;
    }
    const next = await api.gql<{ continueSignIn: SignInPayload }>(CONTINUE, variables);
    if (!next.data) throw new Error(`sign-in step ${payload.step} of ${username}: ${JSON.stringify(next.errors)}`);
    payload = next.data.continueSignIn;
    recoveryCodes = payload.recoveryCodes ?? recoveryCodes;
  }
  return { token: payload.token!, recoveryCodes };
}
