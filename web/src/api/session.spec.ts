import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { credentialsFromSearch, searchWithoutToken, Session, tokenExpiry, type LoginFn } from './session.js';

const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;

describe('credentialsFromSearch', () => {
  it('takes a token from the URL first', () => {
    expect(credentialsFromSearch('?token=abc&kiosk=demo-wall', {})).toEqual({ kind: 'token', token: 'abc' });
  });

  it('logs a named kiosk account in with the demo password, or the build password for the build account', () => {
    expect(credentialsFromSearch('?kiosk=demo-wall', {})).toEqual({
      kind: 'account',
      username: 'demo-wall',
      password: 'demo',
    });
    expect(credentialsFromSearch('?kiosk=wall-1', { kioskUser: 'wall-1', kioskPassword: 's3cret!' })).toEqual({
      kind: 'account',
      username: 'wall-1',
      password: 's3cret!',
    });
  });

  it('falls back to the account configured at build time, else asks', () => {
    expect(credentialsFromSearch('', { kioskUser: 'wall-1', kioskPassword: 'pw' })).toMatchObject({
      username: 'wall-1',
    });
    expect(credentialsFromSearch('?lang=en', {})).toBeNull();
  });
});

describe('searchWithoutToken', () => {
  it('keeps everything but the token', () => {
    expect(searchWithoutToken('?token=abc&lang=en')).toBe('?lang=en');
    expect(searchWithoutToken('?token=abc')).toBe('');
  });
});

describe('tokenExpiry', () => {
  it('reads the exp claim', () => {
    expect(tokenExpiry(jwt({ exp: 1_782_784_800 }))?.toISOString()).toBe('2026-06-30T02:00:00.000Z');
  });

  it('answers null for anything else', () => {
    expect(tokenExpiry('not-a-jwt')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
    expect(tokenExpiry(jwt({ sub: 'x' }))).toBeNull();
  });
});

describe('Session', () => {
  const start = new Date('2026-06-30T10:00:00+08:00');

  function fakeLogin() {
    const calls: string[] = [];
    const login: LoginFn = async (username) => {
      calls.push(username);
      return { token: `token-${calls.length}`, expiresAt: new Date(clock.getTime() + 30 * 60_000) };
    };
    let clock = start;
    return { calls, login, setClock: (d: Date) => (clock = d), now: () => clock };
  }

  it('logs in once for concurrent callers and reuses the token', async () => {
    const f = fakeLogin();
    const session = new Session({ kind: 'account', username: 'demo-wall', password: 'demo' }, f.login, f.now);
    const tokens = await Promise.all([session.getToken(), session.getToken(), session.getToken()]);
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await session.getToken()).toBe('token-1');
    expect(f.calls).toHaveLength(1);
  });

  it('logs in again shortly before the token expires', async () => {
    const f = fakeLogin();
    const session = new Session({ kind: 'account', username: 'demo-wall', password: 'demo' }, f.login, f.now);
    await session.getToken();
    f.setClock(new Date(start.getTime() + 27 * 60_000));
    expect(await session.getToken()).toBe('token-1');
    f.setClock(new Date(start.getTime() + 28 * 60_000 + 1));
    expect(await session.getToken()).toBe('token-2');
  });

  it('logs in again after the server refused the token', async () => {
    const f = fakeLogin();
    const session = new Session({ kind: 'account', username: 'demo-wall', password: 'demo' }, f.login, f.now);
    await session.getToken();
    session.invalidate();
    expect(await session.getToken()).toBe('token-2');
  });

  it('lets a failed login fail, and tries again on the next call', async () => {
    let fail = true;
    const session = new Session(
      { kind: 'account', username: 'w', password: 'p' },
      async () => {
        if (fail) throw new ApiError('network', 'away');
        return { token: 't', expiresAt: new Date(start.getTime() + 60 * 60_000) };
      },
      () => start,
    );
    await expect(session.getToken()).rejects.toThrow('away');
    fail = false;
    expect(await session.getToken()).toBe('t');
  });

  it('never tries refused credentials again, whoever asks next', async () => {
    const calls: number[] = [];
    const session = new Session(
      { kind: 'account', username: 'w', password: 'wrong' },
      async () => {
        calls.push(calls.length);
        throw new ApiError('unauthenticated', 'refused', 'UNAUTHENTICATED', { reason: 'credentials' });
      },
      () => start,
    );
    await expect(session.getToken()).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(session.getToken()).rejects.toMatchObject({ details: { reason: 'credentials' } });
    expect(calls).toHaveLength(1);
  });

  it('uses a URL token until it expires, then reports the session as expired', async () => {
    let clock = new Date('2026-06-30T01:00:00Z');
    const token = jwt({ exp: Date.parse('2026-06-30T02:00:00Z') / 1000 });
    const session = new Session(
      { kind: 'token', token },
      async () => ({ token: 'never', expiresAt: clock }),
      () => clock,
    );
    expect(session.renewable).toBe(false);
    expect(await session.getToken()).toBe(token);
    clock = new Date('2026-06-30T02:00:00Z');
    await expect(session.getToken()).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it("reads a signed-in person's current token each time, never logs in itself, and refuses once signed out", async () => {
    const { calls, login } = fakeLogin();
    let current: string | null = 'first';
    const session = new Session({ kind: 'signed-in', token: () => current }, login);
    expect(session.renewable).toBe(false);
    expect(await session.getToken()).toBe('first');
    current = 'renewed';
    expect(await session.getToken()).toBe('renewed');
    current = null;
    await expect(session.getToken()).rejects.toMatchObject({ kind: 'unauthenticated', details: { reason: 'ended' } });
    expect(calls).toEqual([]);
  });
});
