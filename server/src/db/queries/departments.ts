/** The departments stationed in the centers: the register, read inside a jurisdiction. */
import type { Queryable } from '../database.js';

export interface DepartmentRow {
  code: string;
  center_unit_code: string;
  name: string;
  kind: string;
  stationing: string;
  contact: string;
  version: number;
}

export interface NewDepartment {
  code: string;
  centerUnitCode: string;
  name: string;
  kind: string;
  stationing: string;
  contact: string;
}

const COLUMNS = 'code, center_unit_code, name, kind, stationing, contact, version';

/** Inserts the departments in one statement. */
export async function insertDepartments(db: Queryable, rows: readonly NewDepartment[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof NewDepartment>(key: K) => rows.map((r) => r[key]);
  await db.query(
    `INSERT INTO departments (code, center_unit_code, name, kind, stationing, contact)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    [column('code'), column('centerUnitCode'), column('name'), column('kind'), column('stationing'), column('contact')],
  );
}

/** The departments whose center lies inside `prefix`, by center and code. */
export async function findDepartments(db: Queryable, prefix: string): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>(
    `SELECT ${COLUMNS} FROM departments WHERE center_unit_code LIKE $1 ORDER BY center_unit_code, code`,
    [`${prefix}%`],
  );
  return rows;
}

/** The departments of these codes (any jurisdiction: the caller checks where they are). */
export async function findDepartmentsByCode(
  db: Queryable,
  codes: readonly string[],
  forUpdate = false,
): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>(
    `SELECT ${COLUMNS} FROM departments WHERE code = ANY($1::text[])${forUpdate ? ' FOR UPDATE' : ''}`,
    [[...codes]],
  );
  return rows;
}

/** Stores a department's edited name, stationing and contact, and bumps its version. */
export async function updateDepartmentRow(
  db: Queryable,
  code: string,
  d: { name: string; stationing: string; contact: string },
): Promise<DepartmentRow> {
  const { rows } = await db.query<DepartmentRow>(
    `UPDATE departments SET name = $2, stationing = $3, contact = $4, version = version + 1
     WHERE code = $1 RETURNING ${COLUMNS}`,
    [code, d.name, d.stationing, d.contact],
  );
  return rows[0]!;
}

/** The departments of one center of the given kinds. */
export async function findCenterDepartmentsOfKinds(
  db: Queryable,
  centerUnitCode: string,
  kinds: readonly string[],
): Promise<DepartmentRow[]> {
  const { rows } = await db.query<DepartmentRow>(
    `SELECT ${COLUMNS} FROM departments WHERE center_unit_code = $1 AND kind = ANY($2::text[]) ORDER BY code`,
    [centerUnitCode, [...kinds]],
  );
  return rows;
}

/** The city, county and township units of the loaded map: the centers that may host departments. */
export async function findCenterUnits(db: Queryable): Promise<{ code: string; level: string; name: string }[]> {
  const { rows } = await db.query<{ code: string; level: string; name: string }>(
    `SELECT code, level, name FROM admin_units WHERE level <> 'village' ORDER BY code`,
  );
  return rows;
}
