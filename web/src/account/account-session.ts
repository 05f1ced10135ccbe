/**
 * The signed-in account of an interactive screen (the administrators' pages, one's own
 * password): its token, kept for the browser tab (sessionStorage) so that a reload does not ask
 * for a second factor again; renewed with renewToken shortly before it expires; ended by signing
 * out (logout, then the token is forgotten), by idleness, or when the server refuses it.
 */
import { ApiError } from '../api/errors.js';
import { LOGOUT, ME, RENEW_TOKEN } from './queries.js';
import { browserTimers, renewDelayMs, tokenLifetimeMs, type Timers } from './session-timing.js';
import type { SignedIn, SignedInUser } from './sign-in-steps.js';

/** Why the screen is signed out: shown on the sign-in form that replaces it. */
export type SignOutReason = 'signed_out' | 'idle' | 'ended' | 'password_changed';

export type Send = <T>(query: string, variables: Record<string, unknown>, token: string | null) => Promise<T>;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SessionSnapshot {
  signedIn: SignedIn | null;
  /** Why the last session ended; null while signed in or before any. */
  reason: SignOutReason | null;
}

const STORAGE_KEY = 'zongzhi.session';
/** After a renewal failed for want of the network, try again this much later. */
const RENEW_RETRY_MS = 30_000;

interface Stored extends SignedIn {
  /** When the token arrived, on this computer's clock (ms). */
  receivedAt: number;
}

function readStored(store: KeyValueStore | null): Stored | null {
  try {
    const parsed = JSON.parse(store?.getItem(STORAGE_KEY) ?? 'null') as Partial<Stored> | null;
    if (!parsed || typeof parsed.token !== 'string' || typeof parsed.receivedAt !== 'number' || !parsed.user) {
      return null;
    }
    return parsed as Stored;
  } catch {
    return null;
  }
}

export class AccountSession {
  private current: Stored | null;
  private snap: SessionSnapshot;
  private renewHandle: unknown = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly send: Send,
    private readonly store: KeyValueStore | null,
    private readonly timers: Timers = browserTimers,
  ) {
    const stored = readStored(store);
    const lifetime = stored && tokenLifetimeMs(stored.token);
    // A kept token that must have expired by now is not worth a request.
    this.current = stored && lifetime !== null && stored.receivedAt + lifetime > timers.now() ? stored : null;
    if (!this.current) store?.removeItem(STORAGE_KEY);
    this.snap = { signedIn: this.signedIn(), reason: null };
    this.scheduleRenew();
  }

  /** For useSyncExternalStore: the same object until something changes. */
  getSnapshot = (): SessionSnapshot => this.snap;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Signed in (the last step of a sign-in, or a renewal). */
  start(signedIn: SignedIn): void {
    this.current = { ...signedIn, receivedAt: this.timers.now() };
    this.store?.setItem(STORAGE_KEY, JSON.stringify(this.current));
    this.changed(null);
    this.scheduleRenew();
  }

  /**
   * Sends an operation with the token; a refused token (signed out elsewhere, disabled, idle
   * past the server's limit) ends the session here too.
   */
  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = this.current?.token;
    if (!token) throw new ApiError('unauthenticated', 'not signed in', undefined, { reason: 'ended' });
    try {
      return await this.send<T>(query, variables, token);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'unauthenticated' && this.current?.token === token) {
        this.end('ended');
      }
      throw error;
    }
  }

  /** The bearer token, for requests outside GraphQL (the audit export). */
  token(): string | null {
    return this.current?.token ?? null;
  }

  /** Asks the server who the token is (after a reload: the role may have changed since). */
  async refresh(): Promise<void> {
    if (!this.current) return;
    const { me } = await this.query<{ me: SignedInUser | null }>(ME);
    if (!me) this.end('ended');
    // `me` names the account by its username; the sign-in gave its display name.
    else if (this.current)
      this.start({ token: this.current.token, user: { ...me, displayName: this.current.user.displayName } });
  }

  /** Signs out on the server (the session ends for every socket too), then forgets the token. */
  async signOut(reason: SignOutReason = 'signed_out'): Promise<void> {
    const token = this.current?.token;
    this.end(reason);
    if (!token) return;
    // Already forgotten here; a server that cannot be told ends the session when it expires.
    await this.send(LOGOUT, {}, token).catch(() => undefined);
  }

  /** Forgets the session without asking the server (it has ended there already). */
  end(reason: SignOutReason): void {
    this.timers.clearTimeout(this.renewHandle);
    this.renewHandle = null;
    this.current = null;
    this.store?.removeItem(STORAGE_KEY);
    this.changed(reason);
  }

  private signedIn(): SignedIn | null {
    return this.current && { token: this.current.token, user: this.current.user };
  }

  private changed(reason: SignOutReason | null): void {
    this.snap = { signedIn: this.signedIn(), reason };
    for (const listener of this.listeners) listener();
  }

  private scheduleRenew(delayMs?: number): void {
    this.timers.clearTimeout(this.renewHandle);
    this.renewHandle = null;
    if (!this.current) return;
    const delay = delayMs ?? renewDelayMs(this.current.token);
    if (delay === null) return;
    const wait = delayMs ?? Math.max(0, this.current.receivedAt + delay - this.timers.now());
    this.renewHandle = this.timers.setTimeout(() => void this.renew(), wait);
  }

  private async renew(): Promise<void> {
    const token = this.current?.token;
    if (!token) return;
    try {
      const { renewToken } = await this.send<{ renewToken: SignedIn }>(RENEW_TOKEN, {}, token);
      if (this.current?.token === token) this.start({ token: renewToken.token, user: renewToken.user });
    } catch (error) {
      if (this.current?.token !== token) return;
      if (error instanceof ApiError && error.kind === 'unauthenticated') this.end('ended');
      else this.scheduleRenew(RENEW_RETRY_MS);
    }
  }
}
