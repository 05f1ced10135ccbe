/**
 * Which pages an account may open, from the permissions the server gave it: the
 * administrators have no map, so each lands on the page of their duty. The server refuses
 * anything else anyway; this only keeps a screen from offering what would be refused.
 */

export interface AdminPage {
  path: '/admin/accounts' | '/admin/audit';
  /** Any one of these opens the page. */
  permissions: readonly string[];
}

export const ADMIN_PAGES: readonly AdminPage[] = [
  { path: '/admin/accounts', permissions: ['manage_accounts', 'manage_security'] },
  { path: '/admin/audit', permissions: ['read_audit'] },
];

/** The administrators' pages `permissions` open, in menu order. */
export function adminPagesFor(permissions: readonly string[]): AdminPage[] {
  return ADMIN_PAGES.filter((page) => page.permissions.some((p) => permissions.includes(p)));
}

/** Whether `path` (an administrators' page) opens for `permissions`; other paths are not guarded here. */
export function mayOpen(path: string, permissions: readonly string[]): boolean {
  const page = ADMIN_PAGES.find((p) => p.path === path);
  return !page || page.permissions.some((p) => permissions.includes(p));
}

/**
 * Where to go after signing in: the page asked for when it opens for the account (a path of
 * this site only), else an administrator's own page, else the start page with the screens.
 */
export function landingPath(permissions: readonly string[], wanted: string | null): string {
  const safe = wanted && wanted.startsWith('/') && !wanted.startsWith('//') ? wanted : null;
  if (safe && safe !== '/signin' && mayOpen(safe.split('?')[0]!, permissions)) return safe;
  return adminPagesFor(permissions)[0]?.path ?? '/';
}
