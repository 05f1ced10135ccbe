/**
 * Why a login or a session failed, in the viewer's language: the reason the server or the session
 * gave (wrong password, locked and for how long, disabled, token expired or refused) or the
 * network; what it does not know, from the server-message catalog (error-text.ts), never the raw
 * message. Pure (texts through `t`).
 */
import { errorText } from './error-text.js';
import { ApiError } from './errors.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const REASONS = new Set([
  'credentials',
  'disabled',
  'expired',
  'refused',
  'code',
  'challenge',
  'no_role',
  'idle',
  'revoked',
  'account_changed',
]);

export function authFailureText(error: unknown, t: Translate, now: Date = new Date()): string {
  if (!(error instanceof ApiError)) return errorText(error, t);
  if (error.kind === 'network') return t('login.reasons.network');
  const reason = error.details.reason;
  if (reason === 'locked' && typeof error.details.lockedUntil === 'string') {
    const minutes = Math.max(1, Math.ceil((Date.parse(error.details.lockedUntil) - now.getTime()) / 60_000));
    return t('login.reasons.locked', { minutes });
  }
  if (typeof reason === 'string' && REASONS.has(reason)) return t(`login.reasons.${reason}`);
  return errorText(error, t);
}
