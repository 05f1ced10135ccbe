import { describe, expect, it } from 'vitest';
import { judgeSession, TOUCH_EVERY_MS, type SessionState } from './sessions.js';

const NOW = new Date('2026-06-30T10:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const TOKEN = { role: 'operator', jurisdiction: '371702005000' } as const;
const POLICY = { idleSeconds: 15 * 60 };

function session(overrides: Partial<SessionState> = {}): SessionState {
  return {
    expiresAt: new Date(NOW.getTime() + 600_000),
    lastSeenAt: ago(1000),
    revokedAt: null,
    revokedReason: null,
    account: { role: 'operator', jurisdiction: '371702005000', disabled: false },
    ...overrides,
  };
}

describe('judgeSession', () => {
  it('lets an open, recent session through without writing its activity again', () => {
    expect(judgeSession(session(), TOKEN, NOW, POLICY)).toEqual({ ok: true, touch: false });
  });

  it('asks to record activity once a minute has passed since the last record', () => {
    expect(judgeSession(session({ lastSeenAt: ago(TOUCH_EVERY_MS) }), TOKEN, NOW, POLICY)).toEqual({
      ok: true,
      touch: true,
    });
  });

  it('refuses a token whose session does not exist', () => {
    expect(judgeSession(null, TOKEN, NOW, POLICY)).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('refuses a signed-out session and an expired one', () => {
    expect(judgeSession(session({ revokedAt: ago(5) }), TOKEN, NOW, POLICY)).toMatchObject({ reason: 'revoked' });
    expect(judgeSession(session({ expiresAt: NOW }), TOKEN, NOW, POLICY)).toMatchObject({ reason: 'expired' });
  });

  it('refuses and revokes a session whose account was disabled', () => {
    const disabled = session({ account: { ...session().account, disabled: true } });
    expect(judgeSession(disabled, TOKEN, NOW, POLICY)).toEqual({ ok: false, reason: 'disabled', revoke: true });
  });

  it('refuses and revokes a session whose account changed role or jurisdiction since sign-in', () => {
    for (const account of [
      { role: 'leader', jurisdiction: '371702005000', disabled: false },
      { role: 'operator', jurisdiction: '371702000000', disabled: false },
    ]) {
      expect(judgeSession(session({ account }), TOKEN, NOW, POLICY)).toEqual({
        ok: false,
        reason: 'account_changed',
        revoke: true,
      });
    }
  });

  it('times out an interactive session idle past the limit, but never a wall screen', () => {
    const idle = session({ lastSeenAt: ago(15 * 60_000 + 1) });
    expect(judgeSession(idle, TOKEN, NOW, POLICY)).toEqual({ ok: false, reason: 'idle', revoke: true });
    const wall = { ...idle, account: { ...idle.account, role: 'kiosk' } };
    expect(judgeSession(wall, { ...TOKEN, role: 'kiosk' }, NOW, POLICY)).toMatchObject({ ok: true });
    expect(judgeSession(idle, TOKEN, NOW, { idleSeconds: null })).toMatchObject({ ok: true });
  });
});
