/** Case assignments (dispatch and summons): reads of a case's parts and the writes of each move. */
import type { Queryable } from '../database.js';

export interface AssignmentRow {
  id: string;
  case_code: string;
  department_code: string;
  department_name: string;
  center_unit_code: string;
  role: string;
  state: string;
  rules_version: string;
  answer_by: Date;
  deadline_at: Date;
  reason: string | null;
  note: string | null;
  offered_at: Date;
  answered_at: Date | null;
  version: number;
}

const COLUMNS = `a.id::text AS id, a.case_code, a.department_code, d.name AS department_name, d.center_unit_code,
  a.role, a.state, a.rules_version, a.answer_by, a.deadline_at, a.reason, a.note, a.offered_at, a.answered_at,
  a.version`;

/** A case's assignments, oldest first (the order the dispatch moves read them in). */
export async function findAssignments(db: Queryable, caseCode: string, forUpdate = false): Promise<AssignmentRow[]> {
  const { rows } = await db.query<AssignmentRow>(
    `SELECT ${COLUMNS} FROM case_assignments a JOIN departments d ON d.code = a.department_code
     WHERE a.case_code = $1 ORDER BY a.id${forUpdate ? ' FOR UPDATE OF a' : ''}`,
    [caseCode],
  );
  return rows;
}

export interface NewAssignment {
  caseCode: string;
  departmentCode: string;
  role: string;
  rulesVersion: string;
  answerBy: Date;
  deadlineAt: Date;
  note: string | null;
  offeredBy: string;
  offeredAt: Date;
}

export async function insertAssignment(db: Queryable, a: NewAssignment): Promise<void> {
  await db.query(
    `INSERT INTO case_assignments (case_code, department_code, role, state, rules_version, answer_by, deadline_at,
       note, offered_by, offered_at)
     VALUES ($1, $2, $3, 'offered', $4, $5, $6, $7, $8, $9)`,
    [a.caseCode, a.departmentCode, a.role, a.rulesVersion, a.answerBy, a.deadlineAt, a.note, a.offeredBy, a.offeredAt],
  );
}

/** Stores a department's answer on one assignment, moving it from `from` (checked again here). */
export async function answerAssignment(
  db: Queryable,
  a: { id: string; from: string; to: string; reason: string | null; note: string | null; by: string; at: Date },
): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE case_assignments
     SET state = $3, reason = $4, note = coalesce($5, note), answered_by = $6, answered_at = $7, version = version + 1
     WHERE id = $1 AND state = $2`,
    [a.id, a.from, a.to, a.reason, a.note, a.by, a.at],
  );
  if (rowCount !== 1) throw new Error(`assignment ${a.id} was not ${a.from}`);
}

/** Marks the case changed (its dispatch moves and gates read the assignments). */
export async function bumpCaseVersion(db: Queryable, caseCode: string): Promise<void> {
  await db.query('UPDATE cases SET version = version + 1 WHERE code = $1', [caseCode]);
}

/** Whether the department holds (or held) any part of the case. */
export async function departmentHasCase(db: Queryable, departmentCode: string, caseCode: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM case_assignments WHERE department_code = $1 AND case_code = $2', [
    departmentCode,
    caseCode,
  ]);
  return rows.length > 0;
}
