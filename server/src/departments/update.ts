/**
 * Editing a department of the register inside the caller's transaction (manage_departments):
 * its name, stationing and contact, at the version the editor read; a department whose center
 * lies outside the editor's jurisdiction is told as not found.
 */
import { coversCode } from '../auth/jurisdiction.js';
import type { Viewer } from '../auth/viewer.js';
import type { Queryable } from '../db/database.js';
import { findDepartmentsByCode, updateDepartmentRow, type DepartmentRow } from '../db/queries/departments.js';
import { DEPARTMENT_STATIONINGS, type DepartmentStationing } from '../domain/vocabulary.js';
import { badInput, conflict, notFound, outsideJurisdiction } from '../errors.js';

export const MAX_DEPARTMENT_NAME = 60;
export const MAX_DEPARTMENT_CONTACT = 60;

export interface DepartmentChanges {
  name?: string | null;
  stationing?: string | null;
  contact?: string | null;
}

function checkedText(field: string, value: string, max: number, allowEmpty: boolean): string {
  const text = value.trim();
  if (!allowEmpty && text === '') throw badInput(field, 'must not be blank', {}, { reason: 'blank' });
  if (text.length > max) {
    throw badInput(
      field,
      `is ${text.length} characters; at most ${max}`,
      {},
      {
        reason: 'too_long',
        params: { length: text.length, max },
      },
    );
  }
  return text;
}

export async function updateDepartmentIn(
  tx: Queryable,
  r: { code: string; changes: DepartmentChanges; expectedVersion: number; viewer: Viewer },
): Promise<DepartmentRow> {
  const [current] = await findDepartmentsByCode(tx, [r.code], true);
  if (!current) throw notFound('department', r.code);
  if (!coversCode(r.viewer.jurisdiction, current.center_unit_code)) throw outsideJurisdiction('department', r.code);
  if (current.version !== r.expectedVersion) {
    throw conflict(
      `department ${r.code} changed since you read it (version ${current.version}, you had ${r.expectedVersion}); reload it`,
      { currentVersion: current.version },
      { reason: 'department_changed', params: { department: r.code, version: current.version } },
    );
  }
  const { name, stationing, contact } = r.changes;
  if (stationing != null && !(DEPARTMENT_STATIONINGS as readonly string[]).includes(stationing)) {
    throw badInput('changes.stationing', `is not one of ${DEPARTMENT_STATIONINGS.join(', ')}`);
  }
  const next = {
    name: name == null ? current.name : checkedText('changes.name', name, MAX_DEPARTMENT_NAME, false),
    stationing: (stationing ?? current.stationing) as DepartmentStationing,
    contact: contact == null ? current.contact : checkedText('changes.contact', contact, MAX_DEPARTMENT_CONTACT, true),
  };
  return updateDepartmentRow(tx, r.code, next);
}
