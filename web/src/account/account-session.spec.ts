import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { AccountSession, type KeyValueStore, type Send } from './account-session.js';
import { FakeTimers, jwt } from './test-timers.js';

const user = {
  username: 'demo-secadmin',
  displayName: '安全管理员',
  role: 'secadmin',
  jurisdiction: '371700000000',
  permissions: ['manage_security'],
  idleSeconds: 900,
};

class MemoryStore implements KeyValueStore {
  values = new Map<string, string>();
  getItem = (key: string) => this.values.get(key) ?? null;
  setItem = (key: string, value: string) => void this.values.set(key, value);
  removeItem = (key: string) => void this.values.delete(key);
}

/** A server that answers each operation by its first word after `mutation`/`query`, and records them. */
function server(answers: Record<string, () => unknown>) {
  const sent: { name: string; token: string | null }[] = [];
  const send: Send = async <T>(query: string, _variables: Record<string, unknown>, token: string | null) => {
    const name = /(?:mutation|query)\s+(\w+)/.exec(query)![1]!;
    sent.push({ name, token });
    return answers[name]!() as T;
  };
  return { send, sent };
}

const tokenAt = (iatSeconds: number) => jwt({ iat: iatSeconds, exp: iatSeconds + 1800, n: Math.random() });

describe('the account session', () => {
  it('renews the token before it expires and keeps the renewed one for the tab', async () => {
    const timers = new FakeTimers();
    const store = new MemoryStore();
    const renewed = tokenAt(100);
    const { send, sent } = server({ RenewToken: () => ({ renewToken: { token: renewed, user } }) });
    const session = new AccountSession(send, store, timers);
    const first = tokenAt(0);
    session.start({ token: first, user });
    timers.advance(28 * 60_000 - 1);
    expect(sent).toEqual([]);
    timers.advance(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual([{ name: 'RenewToken', token: first }]);
    expect(session.token()).toBe(renewed);
    expect(new AccountSession(send, store, timers).token()).toBe(renewed);
  });

  it('signs out on the server and forgets the token at once', async () => {
    const store = new MemoryStore();
    const { send, sent } = server({ SignOut: () => ({ logout: true }) });
    const session = new AccountSession(send, store, new FakeTimers());
    const token = tokenAt(0);
    session.start({ token, user });
    await session.signOut();
    expect(sent).toEqual([{ name: 'SignOut', token }]);
    expect(session.getSnapshot()).toEqual({ signedIn: null, reason: 'signed_out' });
    expect(store.values.size).toBe(0);
  });

  it('ends the session when the server refuses its token', async () => {
    const { send } = server({
      Accounts: () => {
        throw new ApiError('unauthenticated', 'session revoked', 'UNAUTHENTICATED', { reason: 'revoked' });
      },
    });
    const session = new AccountSession(send, new MemoryStore(), new FakeTimers());
    session.start({ token: tokenAt(0), user });
    await expect(session.query('query Accounts { accounts { username } }')).rejects.toThrow('session revoked');
    expect(session.getSnapshot()).toEqual({ signedIn: null, reason: 'ended' });
  });

  it('forgets a kept token that has expired since', () => {
    const timers = new FakeTimers();
    const store = new MemoryStore();
    new AccountSession(server({}).send, store, timers).start({ token: tokenAt(0), user });
    timers.at += 31 * 60_000;
    expect(new AccountSession(server({}).send, store, timers).token()).toBeNull();
  });
});
