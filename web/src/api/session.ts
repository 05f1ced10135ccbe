/**
 * Who the wall is logged in as, and keeping it logged in. The wall gets its credentials from
 * the URL or the build:
 * - `/wall?token=<JWT>`: a token issued elsewhere (it cannot be renewed; when it expires the
 *   wall asks for a login and keeps showing its last data meanwhile);
 * - `/wall?kiosk=<account>`: logs in as that kiosk account with the build's kiosk password
 *   (VITE_KIOSK_PASSWORD) or, in demo mode, the demo password;
 * - a build with VITE_KIOSK_USER and VITE_KIOSK_PASSWORD logs in as that account by itself;
 * - otherwise a login form.
 * Tokens live 30 minutes; an account session logs in again shortly before expiry.
 */
import { ApiError } from './errors.js';

/**
 * - `token`: a token issued elsewhere; `account`: a kiosk account the screen signs in as by itself;
 * - `signed-in`: the person signed in through /signin (the account session renews the token and
 *   signs out when idle; the screen only reads the current token).
 */
export type Credentials =
  | { kind: 'token'; token: string }
  | { kind: 'account'; username: string; password: string }
  | { kind: 'signed-in'; token: () => string | null };

export interface KioskSettings {
  kioskUser?: string | undefined;
  kioskPassword?: string | undefined;
}

/** The password of the demo accounts (demo mode only; production servers refuse it). */
export const DEMO_PASSWORD = 'demo';

/** Log in again this long before the token expires. */
export const REFRESH_MARGIN_MS = 2 * 60_000;

export function credentialsFromSearch(search: string, kiosk: KioskSettings): Credentials | null {
  const params = new URLSearchParams(search);
  const token = params.get('token')?.trim();
  if (token) return { kind: 'token', token };
  const account = params.get('kiosk')?.trim();
  if (account) {
    const password = account === kiosk.kioskUser && kiosk.kioskPassword ? kiosk.kioskPassword : DEMO_PASSWORD;
    return { kind: 'account', username: account, password };
  }
  if (kiosk.kioskUser && kiosk.kioskPassword) {
    return { kind: 'account', username: kiosk.kioskUser, password: kiosk.kioskPassword };
  }
  return null;
}

/** The search string without the token, so it does not stay in the address bar or screenshots. */
export function searchWithoutToken(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** When a JWT says it expires (its `exp` claim), read without verifying; null if unreadable. */
export function tokenExpiry(token: string): Date | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
}
export type LoginFn = (username: string, password: string) => Promise<LoginResult>;

/** Hands out a valid token, logging in (once, even when asked concurrently) when needed. */
export class Session {
  private token: string | null = null;
  private expiresAt: Date | null = null;
  private pending: Promise<string> | null = null;
  /** The server's refusal of these credentials: kept, so that nothing tries them again. */
  private refusal: ApiError | null = null;

  constructor(
    private readonly credentials: Credentials,
    private readonly login: LoginFn,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (credentials.kind === 'token') {
      this.token = credentials.token;
      this.expiresAt = tokenExpiry(credentials.token);
    }
  }

  /** Whether a lost token can be replaced without a person (an account session). */
  get renewable(): boolean {
    return this.credentials.kind === 'account';
  }

  async getToken(): Promise<string> {
    if (this.credentials.kind === 'signed-in') {
      const token = this.credentials.token();
      if (!token) throw new ApiError('unauthenticated', 'not signed in', undefined, { reason: 'ended' });
      return token;
    }
    if (this.credentials.kind === 'token') {
      if (!this.token || (this.expiresAt && this.expiresAt <= this.now())) {
        throw new ApiError('unauthenticated', 'the token has expired', undefined, { reason: 'expired' });
      }
      return this.token;
    }
    const fresh = this.token && this.expiresAt && this.expiresAt.getTime() - this.now().getTime() > REFRESH_MARGIN_MS;
    if (fresh) return this.token!;
    if (this.refusal) throw this.refusal;
    const { username, password } = this.credentials;
    this.pending ??= this.login(username, password)
      .then((result) => {
        this.token = result.token;
        this.expiresAt = result.expiresAt;
        return result.token;
      })
      .catch((error: unknown) => {
        // A refused password stays refused: trying it again would only lock the account.
        if (error instanceof ApiError && error.kind === 'unauthenticated') this.refusal = error;
        throw error;
      })
      .finally(() => (this.pending = null));
    return this.pending;
  }

  /** The server refused the token (e.g. after a secret rotation): drop it so the next call logs in. */
  invalidate(): void {
    this.token = null;
    this.expiresAt = null;
  }
}
