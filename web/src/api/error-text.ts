/**
 * A refused request and a planning issue in the viewer's language, from the server's stable
 * codes and params (extensions.reason/params; a GridIssue's code/params), never its English
 * message: a reason or code this app has no words for reads as a generic text naming the error
 * code. Pure (texts through `t`).
 */
import { serverZh } from '../i18n/server-messages.js';
import { ApiError } from './errors.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Params = Record<string, unknown>;

/** What a planning issue carries for its words (the GraphQL GridIssue's code and params). */
export interface CodedIssue {
  code: string;
  params?: Params | null;
}

const ROLES = new Set([
  'leader',
  'operator',
  'gridworker',
  'planner',
  'admin',
  'kiosk',
  'department',
  'sysadmin',
  'secadmin',
  'auditadmin',
]);

const has = <T extends object>(tree: T, key: unknown): key is keyof T =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(tree, key);

/** Params with their codes as words: a field's label, a thing's name, a role's title. */
function worded(params: Params, t: Translate): Params {
  const out: Params = { ...params };
  if (typeof params.field === 'string') {
    // `updates[2].id`, `policy.minLength`: the last plain name is the one people know.
    const name = params.field
      .split(/[.[\]]/)
      .filter(Boolean)
      .at(-1);
    out.field = t(`server.fields.${has(serverZh.fields, name) ? name : 'other'}`);
  }
  if (has(serverZh.things, params.thing)) out.thing = t(`server.things.${params.thing}`);
  if (typeof params.role === 'string' && ROLES.has(params.role)) out.role = t(`admin.roles.${params.role}`);
  return out;
}

/** A planning issue in the viewer's words. */
export function issueText(issue: CodedIssue, t: Translate): string {
  const params = worded({ ...issue.params }, t);
  if (!has(serverZh.issues, issue.code)) return t('server.issues.unknown', { code: issue.code });
  const entry = serverZh.issues[issue.code];
  if (typeof entry === 'string') return t(`server.issues.${issue.code}`, params);
  const problem = has(entry, params.problem) ? params.problem : Object.keys(entry).at(-1)!;
  return t(`server.issues.${issue.code}.${problem}`, params);
}

const isIssue = (value: unknown): value is CodedIssue =>
  typeof value === 'object' && value !== null && typeof (value as CodedIssue).code === 'string';

/**
 * A refusal's reason in the viewer's words, from its params (`issues`: the planning issues of a
 * refused commit); `code` names the error where the reason has no words here.
 */
export function reasonText(reason: unknown, given: unknown, code: string, t: Translate, issues: unknown = []): string {
  const params = worded(typeof given === 'object' && given !== null ? (given as Params) : {}, t);
  if (reason === 'breaks_rules' || reason === 'unconfirmed_warnings') {
    const coded = Array.isArray(issues) ? issues.filter(isIssue) : [];
    params.first = coded[0] ? issueText(coded[0], t) : '';
  }
  if (reason === 'stale_version' && !params.author) return t('server.errors.stale_version_anonymous');
  if (has(serverZh.errors, reason) && reason !== 'unknown') return t(`server.errors.${reason}`, params);
  return t('server.errors.unknown', { code });
}

/** A failed request in the viewer's words. */
export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('server.errors.unknown', { code: error instanceof Error ? error.name : 'ERROR' });
  }
  if (error.kind === 'network') return t('server.errors.network');
  const code = error.code ?? (error.kind === 'unauthenticated' ? 'UNAUTHENTICATED' : 'ERROR');
  return reasonText(error.details.reason, error.details.params, code, t, error.details.issues);
}

/**
 * An audit record's detail as its reader reads it: a coded refusal (JSON of reason, params and
 * message, see the server's mutation-guard.ts) in the viewer's words; anything else as stored,
 * with `lang` saying so where the stored text is English words.
 */
export function auditDetailText(detail: string | null, t: Translate): { text: string; lang?: 'en' } {
  if (!detail) return { text: '' };
  let parsed: unknown = null;
  if (detail.startsWith('{')) {
    try {
      parsed = JSON.parse(detail);
    } catch {
      parsed = null;
    }
  }
  const coded = parsed as { reason?: unknown; params?: unknown } | null;
  if (coded && typeof coded.reason === 'string')
    return { text: reasonText(coded.reason, coded.params, coded.reason.toUpperCase(), t) };
  return /[A-Za-z]{2,}/.test(detail) && !/\p{Script=Han}/u.test(detail)
    ? { text: detail, lang: 'en' }
    : { text: detail };
}
