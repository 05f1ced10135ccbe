/**
 * Session tokens: HS256 JWTs signed with a server secret. Short lifetimes stand in for the
 * session timeout MLPS 2.0 level 3 asks for. Time is a parameter so that tests pin it.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { isJurisdictionCode } from './jurisdiction.js';
import { isRole, type Role } from './roles.js';

import type { Result } from '../domain/result.js';

export const TOKEN_ISSUER = 'zongzhi-map';
const ALGORITHM = 'HS256';
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_SECRET_BYTES = 32;

export interface TokenClaims {
  username: string;
  role: Role;
  /** 12-digit admin unit code; see jurisdiction.ts. */
  jurisdiction: string;
  /** The sign-in session the token belongs to (the standard `jti` claim); see sessions.ts. */
  sessionId: string;
}

export interface VerifiedToken extends TokenClaims {
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Why a token was refused. `expired` is only reported for an authentic token, so a client may
 * react by asking the user to log in again; `invalid_claims` is a correctly signed token whose
 * issuer or claims are not ours (for example a role that no longer exists).
 */
export type TokenErrorKind = 'expired' | 'malformed' | 'bad_signature' | 'invalid_claims';

export interface TokenError {
  kind: TokenErrorKind;
  message: string;
}

/** 16 random bytes, base64url: what newSessionId makes and the sessions table accepts. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/** A fresh, unguessable session id. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

function checkSecret(secret: Uint8Array): void {
  if (secret.length < MIN_SECRET_BYTES) {
    throw new Error(`token secret must be at least ${MIN_SECRET_BYTES} bytes, got ${secret.length}`);
  }
}

/** Signs a token valid from `now` for `ttlSeconds`; the username goes in the standard `sub` claim. */
export async function signToken(
  claims: TokenClaims,
  secret: Uint8Array,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<string> {
  checkSecret(secret);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`token lifetime must be a positive whole number of seconds, got ${ttlSeconds}`);
  }
  const issuedAt = seconds(now);
  return new SignJWT({ role: claims.role, jurisdiction: claims.jurisdiction })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.username)
    .setJti(claims.sessionId)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(secret);
}

function refusal(kind: TokenErrorKind, message: string): Result<never, TokenError> {
  return { ok: false, error: { kind, message } };
}

function classify(error: unknown): Result<never, TokenError> {
  if (error instanceof errors.JWTExpired) return refusal('expired', 'token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refusal('bad_signature', 'token signature does not match');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return refusal('invalid_claims', `token claim "${error.claim}" is not acceptable (${error.reason})`);
  }
  // Wrong algorithm ("none", RS256 …) counts as malformed: we never issue such tokens.
  if (error instanceof errors.JOSEError) return refusal('malformed', `token is malformed: ${error.message}`);
  throw error;
}

/** Verifies signature, algorithm, issuer and expiry at `now`, then the shape of our claims. */
export async function verifyToken(
  token: string,
  secret: Uint8Array,
  now: Date = new Date(),
): Promise<Result<VerifiedToken, TokenError>> {
  checkSecret(secret);
  let payload;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: [ALGORITHM],
      issuer: TOKEN_ISSUER,
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      currentDate: now,
    }));
  } catch (error) {
    return classify(error);
  }
  const { sub, role, jurisdiction, iat, exp, jti } = payload;
  if (typeof sub !== 'string' || sub === '') return refusal('invalid_claims', 'token has no username');
  if (typeof role !== 'string' || !isRole(role)) return refusal('invalid_claims', 'token has an unknown role');
  if (typeof jurisdiction !== 'string' || !isJurisdictionCode(jurisdiction)) {
    return refusal('invalid_claims', 'token has no valid jurisdiction');
  }
  if (iat === undefined || exp === undefined) return refusal('invalid_claims', 'token has no lifetime');
  if (typeof jti !== 'string' || !SESSION_ID.test(jti)) return refusal('invalid_claims', 'token names no session');
  return {
    ok: true,
    value: {
      username: sub,
      role,
      jurisdiction,
      sessionId: jti,
      issuedAt: new Date(iat * 1000),
      expiresAt: new Date(exp * 1000),
    },
  };
}
