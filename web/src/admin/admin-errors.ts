/**
 * A refused administration request in the viewer's language, from the error's code and field
 * (never its message text); the server's own sentence, which says what and where, follows for
 * what this screen has no words of its own. Pure (texts through `t`).
 */
import { ApiError } from '../api/errors.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const FIELDS = new Set(['username', 'displayName', 'jurisdiction', 'role']);

export function adminErrorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.kind === 'network') return t('login.reasons.network');
  if (error.kind === 'unauthenticated') return t('account.notice.ended');
  const field = typeof error.details.field === 'string' ? error.details.field : null;
  switch (error.code) {
    case 'FORBIDDEN':
      return t('admin.errors.forbidden', { detail: error.message });
    case 'NOT_FOUND':
      return t('admin.errors.notFound');
    case 'CONFLICT':
      return field === 'username' ? t('admin.errors.exists') : error.message;
    case 'BAD_USER_INPUT':
      if (field && FIELDS.has(field)) return t(`admin.errors.field.${field}`, { detail: error.message });
      if (field?.startsWith('policy.')) return t('admin.errors.policy', { detail: error.message });
      return error.message;
    default:
      return error.message;
  }
}
