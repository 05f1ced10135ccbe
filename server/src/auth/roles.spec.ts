import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMINISTRATOR_ROLES, PERMISSIONS, ROLES, can, isRole, permissionsOf } from './roles.js';

describe('roles', () => {
  it('uses the same role names as the users table CHECK constraint', () => {
    // The newest migration that redefines the constraint (the schema test checks the database too).
    const sql = readFileSync(new URL('../db/migrations/026_case_assignments.sql', import.meta.url), 'utf8');
    const check = /users_role_check CHECK \(\s*role IN \(([^)]*)\)/.exec(sql)?.[1];
    const inSchema = [...(check ?? '').matchAll(/'([a-z]+)'/g)].map((match) => match[1]);
    expect([...inSchema].sort()).toEqual([...ROLES].sort());
  });

  it('lets the kiosk wall screen read the map and nothing else', () => {
    expect(permissionsOf('kiosk')).toEqual(['read_map']);
  });

  it('lets every business role but the departments read the map, and no administrator of the three', () => {
    expect(ROLES.filter((role) => !can(role, 'read_map'))).toEqual(['department', ...ADMINISTRATOR_ROLES]);
  });

  it('lets a department answer the cases dispatched to it and do nothing else', () => {
    expect(permissionsOf('department')).toEqual(['answer_case']);
    expect(ROLES.filter((role) => can(role, 'answer_case'))).toEqual(['department']);
  });

  it('keeps the department register with the data administrator', () => {
    expect(ROLES.filter((role) => can(role, 'manage_departments'))).toEqual(['admin']);
  });

  it('keeps data import with the data administrator alone', () => {
    expect(ROLES.filter((role) => can(role, 'import_data'))).toEqual(['admin']);
  });

  it('separates the three administrators: one duty each, none of another, none over governance data', () => {
    expect(permissionsOf('sysadmin')).toEqual(['manage_accounts']);
    expect(permissionsOf('secadmin')).toEqual(['manage_security']);
    expect(permissionsOf('auditadmin')).toEqual(['read_audit']);
    for (const duty of ['manage_accounts', 'manage_security', 'read_audit'] as const) {
      expect(ROLES.filter((role) => can(role, duty))).toHaveLength(1);
    }
  });

  it('keeps the administrator away from the cases themselves', () => {
    expect(can('admin', 'report_case')).toBe(false);
    expect(can('admin', 'advance_case')).toBe(false);
  });

  it('lets only planners and administrators redraw grids', () => {
    expect(ROLES.filter((role) => can(role, 'edit_grids'))).toEqual(['planner', 'admin']);
  });

  it('lets operators and grid workers register cases and move them along', () => {
    expect(ROLES.filter((role) => can(role, 'report_case'))).toEqual(['operator', 'gridworker']);
    expect(ROLES.filter((role) => can(role, 'advance_case'))).toEqual(['leader', 'operator', 'gridworker']);
  });

  it('leaves the camera and risk point registers to operators and lets grid workers record inspections', () => {
    expect(ROLES.filter((role) => can(role, 'update_cameras'))).toEqual(['operator']);
    expect(ROLES.filter((role) => can(role, 'edit_risk_points'))).toEqual(['operator']);
    expect(ROLES.filter((role) => can(role, 'record_inspection'))).toEqual(['operator', 'gridworker']);
  });

  it('lets only the administrator publish the stability index', () => {
    expect(ROLES.filter((role) => can(role, 'publish_index'))).toEqual(['admin']);
  });

  it('grants every permission to some role, so none is dead', () => {
    expect(PERMISSIONS.filter((permission) => !ROLES.some((role) => can(role, permission)))).toEqual([]);
  });

  it('recognises role names and nothing else', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole('Admin')).toBe(false);
  });
});
