import { describe, expect, it } from 'vitest';
import { authFailureText } from './auth-failure.js';
import { ApiError } from './errors.js';

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);
const refused = (details: Record<string, unknown>, message = 'server words') =>
  new ApiError('unauthenticated', message, 'UNAUTHENTICATED', details);

describe('authFailureText', () => {
  it("says the server's reason in the viewer's words", () => {
    expect(authFailureText(refused({ reason: 'credentials' }), t)).toBe('login.reasons.credentials');
    expect(authFailureText(refused({ reason: 'disabled' }), t)).toBe('login.reasons.disabled');
    expect(authFailureText(refused({ reason: 'expired' }), t)).toBe('login.reasons.expired');
    expect(authFailureText(refused({ reason: 'refused' }), t)).toBe('login.reasons.refused');
  });

  it('says how many minutes a locked account waits, rounded up', () => {
    const now = new Date('2026-06-30T02:00:00Z');
    const locked = refused({ reason: 'locked', lockedUntil: '2026-06-30T02:14:10Z' });
    expect(authFailureText(locked, t, now)).toBe('login.reasons.locked {"minutes":15}');
    const over = refused({ reason: 'locked', lockedUntil: '2026-06-30T01:59:00Z' });
    expect(authFailureText(over, t, now)).toBe('login.reasons.locked {"minutes":1}');
  });

  it('tells an unreachable server apart, and names the code of a reason it has no words for', () => {
    expect(authFailureText(new ApiError('network', 'fetch failed'), t)).toBe('login.reasons.network');
    expect(authFailureText(refused({ reason: 'something new' }, 'raw'), t)).toBe(
      'server.errors.unknown {"code":"UNAUTHENTICATED"}',
    );
    expect(authFailureText(new Error('plain'), t)).toBe('server.errors.unknown {"code":"Error"}');
  });
});
