/**
 * A refused administration request in the viewer's language, from the error's code, field and
 * reason (never its message text): the field at fault named as this screen labels it, the
 * reason said from the server-message catalog. Pure (texts through `t`).
 */
import { errorText } from '../api/error-text.js';
import { ApiError } from '../api/errors.js';
import { adminZh } from '../i18n/admin.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const FIELDS = new Set(['username', 'displayName', 'jurisdiction', 'role']);

export function adminErrorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return errorText(error, t);
  if (error.kind === 'unauthenticated') return t('account.notice.ended');
  const field = typeof error.details.field === 'string' ? error.details.field : null;
  const detail = errorText(error, t);
  switch (error.code) {
    case 'FORBIDDEN':
      return t('admin.errors.forbidden', { detail });
    case 'NOT_FOUND':
      return t('admin.errors.notFound');
    case 'CONFLICT':
      return field === 'username' ? t('admin.errors.exists') : detail;
    case 'BAD_USER_INPUT': {
      if (field && FIELDS.has(field)) return t(`admin.errors.field.${field}`, { detail });
      const setting = field?.startsWith('policy.') ? field.slice('policy.'.length) : null;
      if (setting !== null) {
        const known = Object.prototype.hasOwnProperty.call(adminZh.policy, setting);
        return t('admin.errors.policy', { detail: known ? t(`admin.policy.${setting}`) : detail });
      }
      return detail;
    }
    default:
      return detail;
  }
}
