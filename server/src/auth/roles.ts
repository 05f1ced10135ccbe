/**
 * Roles and what each may do. Least privilege (MLPS 2.0 level 3): every role gets only the
 * operations its work needs. Which records a user may touch is a separate question, answered
 * by jurisdiction.ts.
 *
 * Business roles:
 *
 * | permission         | leader | operator | gridworker | planner | admin | kiosk | department |
 * | ------------------ | :----: | :------: | :--------: | :-----: | :---: | :---: | :--------: |
 * | read_map           |   ✓    |    ✓     |     ✓      |    ✓    |   ✓   |   ✓   |            |
 * | report_case        |        |    ✓     |     ✓      |         |       |       |            |
 * | advance_case       |   ✓    |    ✓     |     ✓      |         |       |       |            |
 * | answer_case        |        |          |            |         |       |       |     ✓      |
 * | update_cameras     |        |    ✓     |            |         |       |       |            |
 * | edit_risk_points   |        |    ✓     |            |         |       |       |            |
 * | record_inspection  |        |    ✓     |     ✓      |         |       |       |            |
 * | supervise          |   ✓    |          |            |         |       |       |            |
 * | edit_grids         |        |          |            |    ✓    |   ✓   |       |            |
 * | publish_index      |        |          |            |         |   ✓   |       |            |
 * | import_data        |        |          |            |         |   ✓   |       |            |
 * | manage_departments |        |          |            |         |   ✓   |       |            |
 *
 * Why: leaders supervise cases (分级督办 moves a case), issue supervision orders (督办) and answer
 * those sent to their city, and read the published stability index;
 * operators in a center register cases and keep the camera and risk-point registers; grid workers
 * register what they find on patrol, move their cases along and record inspections of risk
 * points; planners redraw grids, and the data administrator (`admin`) may too (reorganisations);
 * publishing or revising the stability index and importing data are the data administrator's, so
 * that a published figure changes only through the data's owner, with a reason; the kiosk is an
 * unattended wall screen and only reads. Dispatching a case to departments (分类流转, 吹哨) is a
 * move of the case, so it needs advance_case. A department stationed in a center (`department`)
 * answers the cases dispatched to it (accept, return, ask for joint handling, report to a
 * summons) and reads only those cases, not the map: its account names the department and its
 * jurisdiction is the center's unit. The department register is the data administrator's.
 *
 * The three administrators (三员分立, separated duties of GB/T 22239-2019 §8.1.4): none touches
 * governance data, none can do another's work, so that no single account both grants access and
 * covers its tracks.
 *
 * | permission      | sysadmin | secadmin | auditadmin |
 * | --------------- | :------: | :------: | :--------: |
 * | manage_accounts |    ✓     |          |            |
 * | manage_security |          |    ✓     |            |
 * | read_audit      |          |          |     ✓      |
 *
 * The system administrator (系统管理员) creates accounts, edits their names and jurisdictions,
 * disables and enables them and resets passwords; the security administrator (安全管理员) grants
 * business roles, sets the password policy, unlocks accounts and resets second factors; the audit
 * administrator (审计管理员) reads, exports and verifies the audit record. The three administrator
 * roles themselves are given only on the server's command line (`npm run admin`).
 */

/** The same strings as the CHECK constraint on users.role; keep them in step. */
export const BUSINESS_ROLES = ['leader', 'operator', 'gridworker', 'planner', 'admin', 'kiosk', 'department'] as const;
export const ADMINISTRATOR_ROLES = ['sysadmin', 'secadmin', 'auditadmin'] as const;
export const ROLES = [...BUSINESS_ROLES, ...ADMINISTRATOR_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type AdministratorRole = (typeof ADMINISTRATOR_ROLES)[number];

export const PERMISSIONS = [
  'read_map',
  'report_case',
  'advance_case',
  'answer_case',
  'update_cameras',
  'edit_risk_points',
  'record_inspection',
  'supervise',
  'edit_grids',
  'publish_index',
  'import_data',
  'manage_departments',
  'manage_accounts',
  'manage_security',
  'read_audit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  leader: ['read_map', 'advance_case', 'supervise'],
  operator: ['read_map', 'report_case', 'advance_case', 'update_cameras', 'edit_risk_points', 'record_inspection'],
  gridworker: ['read_map', 'report_case', 'advance_case', 'record_inspection'],
  planner: ['read_map', 'edit_grids'],
  admin: ['read_map', 'edit_grids', 'publish_index', 'import_data', 'manage_departments'],
  kiosk: ['read_map'],
  department: ['answer_case'],
  sysadmin: ['manage_accounts'],
  secadmin: ['manage_security'],
  auditadmin: ['read_audit'],
};

export function isAdministratorRole(role: string): role is AdministratorRole {
  return (ADMINISTRATOR_ROLES as readonly string[]).includes(role);
}

export function isBusinessRole(role: string): role is BusinessRole {
  return (BUSINESS_ROLES as readonly string[]).includes(role);
}

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
