/**
 * Signing in, in steps (MLPS 2.0 level 3: two or more factors, password expiry, lockout):
 *
 *   password → [second factor, when the account has one] → [new password, when it was reset or
 *   has expired] → [enrol a second factor, when the role requires one] → token
 *
 * Each step but the last answers a short-lived challenge (signed, bound to the account and to
 * what has been proven) instead of a token. Wrong passwords and wrong codes count towards the
 * same lockout; every attempt of every step is audited in the transaction that keeps its
 * bookkeeping. Results, not exceptions, so that a failed attempt's bookkeeping is committed too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Database, Queryable } from '../db/database.js';
import {
  enableTotp,
  findPasswordHistory,
  recordSignIn,
  recordTotpStep,
  storePendingTotp,
  updatePassword,
  useRecoveryCode,
} from '../db/queries/accounts.js';
import { insertAuditEntry, type AuditOutcome } from '../db/queries/audit.js';
import { insertSession, revokeSessionsOf } from '../db/queries/sessions.js';
import { findNameFailures, findUser, storeNameFailures, updateLoginState, type UserRow } from '../db/queries/users.js';
import type { Result } from '../domain/result.js';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from './lockout.js';
import { passwordExpired, passwordProblems, type PasswordProblem } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isRole, type Role } from './roles.js';
import { openSecret, sealSecret } from './secret-box.js';
import { requiresSecondFactor, type SecurityPolicy } from './security-policy.js';
import { newSessionId, signToken } from './tokens.js';
import { acceptedTotpStep, newTotpSecret, qrSvg, totpUri } from './totp.js';

export interface LoginSettings {
  secret: Uint8Array;
  ttlSeconds: number;
  now: Date;
  /** Key of the sealed TOTP secrets. */
  dataKey: Uint8Array;
  policy: SecurityPolicy;
}

export type SignInStep = 'second_factor' | 'change_password' | 'enrol_second_factor';

export interface SignedIn {
  step: 'done';
  token: string;
  expiresAt: Date;
  user: { username: string; displayName: string; role: Role; jurisdiction: string };
  /** Shown once, right after a second factor was enrolled. */
  recoveryCodes?: string[];
}

export interface SignInPending {
  step: SignInStep;
  /** Send back with the next step (continueSignIn); valid for a few minutes. */
  challenge: string;
  /** For enrol_second_factor: what the authenticator app needs. */
  enrolment?: { secret: string; uri: string; qrSvg: string };
}

export type SignInProgress = SignedIn | SignInPending;

export type LoginRefusal =
  | { kind: 'bad_credentials' }
  | { kind: 'locked'; until: Date }
  | { kind: 'disabled' }
  | { kind: 'no_role' }
  | { kind: 'bad_code' }
  | { kind: 'bad_challenge' }
  | { kind: 'weak_password'; problems: PasswordProblem[] };

const CHALLENGE_ISSUER = 'zongzhi-map/sign-in';
const CHALLENGE_SECONDS = 300;
const RECOVERY_CODES = 10;

/** The audit operations of the sign-in steps (the audit page has words for each). */
export const SIGN_IN_OPERATIONS = [
  'login',
  'login.step',
  'login.second_factor',
  'login.change_password',
  'login.enrol_second_factor',
] as const;
type SignInOperation = (typeof SIGN_IN_OPERATIONS)[number];

const audit = (tx: Queryable, name: string, operation: SignInOperation, outcome: AuditOutcome, detail: string | null) =>
  insertAuditEntry(tx, { username: name, operation, target: null, success: outcome === 'ok', outcome, detail });

/**
 * What a sign-in record notes, coded as refusals' records are (reason, params, English message),
 * so that the audit page says it in the reader's language; docs/messages.md lists the reasons.
 */
export type SignInNote =
  | 'locked'
  | 'unknown_user'
  | 'unknown_user_locked'
  | 'wrong_password'
  | 'wrong_password_locked'
  | 'wrong_code'
  | 'wrong_code_locked'
  | 'disabled'
  | 'no_role'
  | 'recovery_code_used'
  | 'password_rules';

const NOTE_MESSAGES: Readonly<Record<SignInNote, string>> = {
  locked: 'account locked',
  unknown_user: 'unknown user',
  unknown_user_locked: 'unknown user; name locked',
  wrong_password: 'wrong password',
  wrong_password_locked: 'wrong password; locked',
  wrong_code: 'wrong code',
  wrong_code_locked: 'wrong code; locked',
  disabled: 'account disabled',
  no_role: 'account awaits a role',
  recovery_code_used: 'recovery code used',
  password_rules: 'the new password breaks the password rules',
};

/** The audit detail of a sign-in note: JSON of its reason (`sign_in_…`), params and English message. */
export function signInNote(note: SignInNote, params: Record<string, string | number> = {}): string {
  return JSON.stringify({ reason: `sign_in_${note}`, params, message: NOTE_MESSAGES[note] });
}

/** What the person has proven so far, carried by the challenge. */
interface Proven {
  username: string;
  /** The second factor has been given (or the account has none). */
  factor: boolean;
  /** The password the challenge was issued against, so a change elsewhere voids it. */
  passwordSetAt: number;
}

async function challengeFor(proven: Proven, settings: LoginSettings): Promise<string> {
  const issuedAt = Math.floor(settings.now.getTime() / 1000);
  return new SignJWT({ factor: proven.factor, pwd: proven.passwordSetAt })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(CHALLENGE_ISSUER)
    .setSubject(proven.username)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + CHALLENGE_SECONDS)
    .sign(settings.secret);
}

async function readChallenge(challenge: string, settings: LoginSettings): Promise<Proven | null> {
  try {
    const { payload } = await jwtVerify(challenge, settings.secret, {
      algorithms: ['HS256'],
      issuer: CHALLENGE_ISSUER,
      currentDate: settings.now,
    });
    if (typeof payload.sub !== 'string' || typeof payload.factor !== 'boolean' || typeof payload.pwd !== 'number') {
      return null;
    }
    return { username: payload.sub, factor: payload.factor, passwordSetAt: payload.pwd };
  } catch {
    return null;
  }
}

/** The next step for an account, given what has been proven; null when a token may be issued. */
function nextStep(user: UserRow, role: Role, proven: Proven, settings: LoginSettings): SignInStep | null {
  if (user.totp_secret && !proven.factor) return 'second_factor';
  if (user.must_change_password || passwordExpired(user.password_changed_at, settings.now, settings.policy.password)) {
    return 'change_password';
  }
  if (!user.totp_secret && requiresSecondFactor(role, settings.policy)) return 'enrol_second_factor';
  return null;
}

/** Issues what comes after a proven step: a token, or the next challenge. */
async function advance(
  tx: Queryable,
  user: UserRow,
  proven: Proven,
  settings: LoginSettings,
  extra: { recoveryCodes?: string[] } = {},
): Promise<Result<SignInProgress, LoginRefusal>> {
  if (!user.role || !isRole(user.role)) return { ok: false, error: { kind: 'no_role' } };
  const step = nextStep(user, user.role, proven, settings);
  if (step) {
    const pending: SignInPending = { step, challenge: await challengeFor(proven, settings) };
    if (step === 'enrol_second_factor') {
      const secret = newTotpSecret();
      await storePendingTotp(tx, user.username, sealSecret(secret, settings.dataKey));
      const uri = totpUri(secret, user.username);
      pending.enrolment = { secret, uri, qrSvg: qrSvg(uri) };
    }
    return { ok: true, value: pending };
  }
  const { now } = settings;
  const sessionId = newSessionId();
  const expiresAt = new Date(now.getTime() + settings.ttlSeconds * 1000);
  await insertSession(tx, { id: sessionId, username: user.username, createdAt: now, expiresAt });
  await recordSignIn(tx, user.username, now);
  const claims = { username: user.username, role: user.role, jurisdiction: user.jurisdiction_code, sessionId };
  const token = await signToken(claims, settings.secret, settings.ttlSeconds, now);
  await audit(tx, user.username, 'login', 'ok', null);
  return {
    ok: true,
    value: {
      step: 'done',
      token,
      expiresAt,
      user: {
        username: user.username,
        role: user.role,
        jurisdiction: user.jurisdiction_code,
        displayName: user.display_name,
      },
      ...extra,
    },
  };
}

/** A wrong password or code: counted towards the lockout, which it may start. */
async function refuseAttempt(
  tx: Queryable,
  user: UserRow,
  operation: SignInOperation,
  note: 'wrong_password' | 'wrong_code',
  kind: 'bad_credentials' | 'bad_code',
  now: Date,
): Promise<Result<never, LoginRefusal>> {
  const next = afterFailedLogin({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now);
  await updateLoginState(tx, user.username, next);
  const locked = isLocked(next, now);
  await audit(tx, user.username, operation, 'unauthenticated', signInNote(locked ? `${note}_locked` : note));
  return locked ? { ok: false, error: { kind: 'locked', until: next.lockedUntil! } } : { ok: false, error: { kind } };
}

export async function login(
  db: Database,
  credentials: { username: string; password: string },
  settings: LoginSettings,
): Promise<Result<SignInProgress, LoginRefusal>> {
  const { now } = settings;
  const name = credentials.username.slice(0, 64);
  return db.transaction(async (tx) => {
    const user = await findUser(tx, credentials.username, true);
    // Every attempt costs one hash check, so that timing does not tell which usernames exist.
    const passwordOk = await verifyPassword(credentials.password, user?.password_hash ?? (await unknownUserHash()));
    // A name that is no account is counted and locked like one: the caller cannot tell them apart.
    const state = user
      ? { failedLogins: user.failed_logins, lockedUntil: user.locked_until }
      : await findNameFailures(tx, name);
    if (isLocked(state, now)) {
      await audit(tx, name, 'login', 'unauthenticated', signInNote(user ? 'locked' : 'unknown_user_locked'));
      return { ok: false, error: { kind: 'locked', until: state.lockedUntil! } };
    }
    if (!user) {
      const next = afterFailedLogin(state, now);
      await storeNameFailures(tx, name, next, now);
      const locked = isLocked(next, now);
      await audit(tx, name, 'login', 'unauthenticated', signInNote(locked ? 'unknown_user_locked' : 'unknown_user'));
      return locked
        ? { ok: false, error: { kind: 'locked', until: next.lockedUntil! } }
        : { ok: false, error: { kind: 'bad_credentials' } };
    }
    if (!passwordOk) return refuseAttempt(tx, user, 'login', 'wrong_password', 'bad_credentials', now);
    // Only someone who knows the password learns that the account is disabled or awaits a role.
    if (user.disabled) {
      await audit(tx, name, 'login', 'unauthenticated', signInNote('disabled'));
      return { ok: false, error: { kind: 'disabled' } };
    }
    if (!user.role) {
      await audit(tx, name, 'login', 'unauthenticated', signInNote('no_role'));
      return { ok: false, error: { kind: 'no_role' } };
    }
    if (!isRole(user.role)) throw new Error(`user ${user.username} has unknown role ${user.role}`);
    await updateLoginState(tx, user.username, afterSuccessfulLogin(state));
    const proven = { username: user.username, factor: false, passwordSetAt: user.password_changed_at.getTime() };
    return advance(tx, { ...user, failed_logins: 0, locked_until: null }, proven, settings);
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Recovery codes as typed: case and separators do not matter. */
const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, '');

function newRecoveryCodes(): string[] {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.replace(/[01IO]/g, '');
  return Array.from({ length: RECOVERY_CODES }, () => {
    const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * The next step of a sign-in: `code` for second_factor (a TOTP code or a recovery code) and for
 * enrol_second_factor (a code of the new secret), `newPassword` for change_password.
 */
export async function continueSignIn(
  db: Database,
  input: { challenge: string; code?: string | null; newPassword?: string | null },
  settings: LoginSettings,
): Promise<Result<SignInProgress, LoginRefusal>> {
  const { now } = settings;
  const proven = await readChallenge(input.challenge, settings);
  if (!proven) return { ok: false, error: { kind: 'bad_challenge' } };
  return db.transaction(async (tx) => {
    const user = await findUser(tx, proven.username, true);
    if (!user || user.disabled || user.password_changed_at.getTime() !== proven.passwordSetAt) {
      return { ok: false, error: { kind: 'bad_challenge' } };
    }
    if (isLocked({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now)) {
      await audit(tx, user.username, 'login.step', 'unauthenticated', signInNote('locked'));
      return { ok: false, error: { kind: 'locked', until: user.locked_until! } };
    }
    if (!user.role || !isRole(user.role)) return { ok: false, error: { kind: 'no_role' } };
    const step = nextStep(user, user.role, proven, settings);
    const code = (input.code ?? '').trim();
    if (step === 'second_factor') {
      const secret = openSecret(user.totp_secret!, settings.dataKey);
      const accepted = acceptedTotpStep(
        secret,
        code,
        now,
        user.totp_last_step === null ? null : Number(user.totp_last_step),
      );
      if (accepted !== null) await recordTotpStep(tx, user.username, accepted);
      else if (!(await useRecoveryCode(tx, user.username, sha256(normaliseRecoveryCode(code)), now))) {
        return refuseAttempt(tx, user, 'login.second_factor', 'wrong_code', 'bad_code', now);
      }
      await audit(
        tx,
        user.username,
        'login.second_factor',
        'ok',
        accepted === null ? signInNote('recovery_code_used') : null,
      );
      await updateLoginState(tx, user.username, afterSuccessfulLogin({ failedLogins: 0, lockedUntil: null }));
      return advance(tx, user, { ...proven, factor: true }, settings);
    }
    if (step === 'change_password') {
      const plain = input.newPassword ?? '';
      const problems = await newPasswordProblems(tx, user, plain, settings.policy);
      if (problems.length > 0) {
        const rules = problems.map((p) => p.rule).join(', ');
        await audit(tx, user.username, 'login.change_password', 'invalid', signInNote('password_rules', { rules }));
        return { ok: false, error: { kind: 'weak_password', problems } };
      }
      await updatePassword(tx, user, { hash: await hashPassword(plain), mustChange: false, now });
      await revokeSessionsOf(tx, user.username, 'password_changed', now);
      await audit(tx, user.username, 'login.change_password', 'ok', null);
      const changed = (await findUser(tx, user.username))!;
      return advance(tx, changed, { ...proven, passwordSetAt: changed.password_changed_at.getTime() }, settings);
    }
    if (step === 'enrol_second_factor') {
      const pending = user.totp_pending_secret && openSecret(user.totp_pending_secret, settings.dataKey);
      const accepted = pending ? acceptedTotpStep(pending, code, now, null) : null;
      if (!pending || accepted === null) {
        return refuseAttempt(tx, user, 'login.enrol_second_factor', 'wrong_code', 'bad_code', now);
      }
      const codes = newRecoveryCodes();
      await enableTotp(
        tx,
        user.username,
        user.totp_pending_secret!,
        accepted,
        codes.map((c) => sha256(normaliseRecoveryCode(c))),
        now,
      );
      await audit(tx, user.username, 'login.enrol_second_factor', 'ok', null);
      const enrolled = (await findUser(tx, user.username))!;
      return advance(tx, enrolled, { ...proven, factor: true }, settings, { recoveryCodes: codes });
    }
    return { ok: false, error: { kind: 'bad_challenge' } };
  });
}

/** What a new password breaks: the policy, or reuse of the current or one of the last N. */
export async function newPasswordProblems(
  tx: Queryable,
  user: Pick<UserRow, 'username' | 'password_hash'>,
  plain: string,
  policy: SecurityPolicy,
): Promise<PasswordProblem[]> {
  const problems = passwordProblems(plain, user.username, policy.password);
  if (problems.length > 0 || policy.password.historyCount === 0) return problems;
  const earlier = [
    user.password_hash,
    ...(await findPasswordHistory(tx, user.username, policy.password.historyCount - 1)),
  ];
  for (const hash of earlier) {
    if (await verifyPassword(plain, hash)) return [{ rule: 'reused', count: policy.password.historyCount }];
  }
  return [];
}

/** Recovery codes to hash and store for an account enrolling outside sign-in. */
export { newRecoveryCodes, normaliseRecoveryCode, sha256 as recoveryCodeHash };

/** A real hash of a random password, checked against when the user does not exist. */
let dummyHash: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
