/**
 * Roles and what each may do. Least privilege (MLPS 2.0 level 3): every role gets only the
 * operations its work needs, and the system administrator runs the system but not the cases,
 * so that no single account both manages users and handles governance records. Which records a
 * user may touch is a separate question, answered by jurisdiction.ts.
 *
 * | permission        | leader | operator | gridworker | planner | admin | kiosk |
 * | ----------------- | :----: | :------: | :--------: | :-----: | :---: | :---: |
 * | read_map          |   ✓    |    ✓     |     ✓      |    ✓    |   ✓   |   ✓   |
 * | report_case       |        |    ✓     |     ✓      |         |       |       |
 * | advance_case      |   ✓    |    ✓     |     ✓      |         |       |       |
 * | update_cameras    |        |    ✓     |            |         |       |       |
 * | edit_risk_points  |        |    ✓     |            |         |       |       |
 * | record_inspection |        |    ✓     |     ✓      |         |       |       |
 * | edit_grids        |        |          |            |    ✓    |   ✓   |       |
 * | publish_index     |        |          |            |         |   ✓   |       |
 * | import_data       |        |          |            |         |   ✓   |       |
 * | manage_users      |        |          |            |         |   ✓   |       |
 *
 * Why: leaders supervise cases (分级督办 moves a case) and read the published stability index;
 * operators in a center register cases and keep the camera and risk-point registers; grid workers
 * register what they find on patrol, move their cases along and record inspections of risk
 * points; planners redraw grids, and the administrator may too (reorganisations); publishing
 * or revising the stability index is the administrator's, so that a published figure changes only
 * through the system's owner, with a reason, never by a reader of it; the kiosk is an unattended wall screen and only reads.
 */

/** The same strings as the CHECK constraint on users.role; keep them in step. */
export const ROLES = ['leader', 'operator', 'gridworker', 'planner', 'admin', 'kiosk'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read_map',
  'report_case',
  'advance_case',
  'update_cameras',
  'edit_risk_points',
  'record_inspection',
  'edit_grids',
  'publish_index',
  'import_data',
  'manage_users',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  leader: ['read_map', 'advance_case'],
  operator: ['read_map', 'report_case', 'advance_case', 'update_cameras', 'edit_risk_points', 'record_inspection'],
  gridworker: ['read_map', 'report_case', 'advance_case', 'record_inspection'],
  planner: ['read_map', 'edit_grids'],
  admin: ['read_map', 'edit_grids', 'publish_index', 'import_data', 'manage_users'],
  kiosk: ['read_map'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may perform `permission`; anything not granted in the table is refused. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The permissions of a role, in PERMISSIONS order (for the client to hide what it cannot do). */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => can(role, permission));
}
