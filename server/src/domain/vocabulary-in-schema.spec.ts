/** The CHECK constraints of the schema list exactly the values of vocabulary.ts. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from '../db/database.js';
import { ROLES } from '../auth/roles.js';
import * as v from './vocabulary.js';

const COLUMNS: [table: string, column: string, values: readonly string[]][] = [
  ['admin_units', 'level', v.ADMIN_LEVELS],
  ['grids', 'kind', v.GRID_KINDS],
  ['cameras', 'kind', v.CAMERA_KINDS],
  ['cameras', 'status', v.CAMERA_STATUSES],
  ['risk_points', 'category', v.RISK_CATEGORIES],
  ['cases', 'category', v.CASE_CATEGORIES],
  ['cases', 'severity', v.CASE_SEVERITIES],
  ['cases', 'source', v.CASE_SOURCES],
  ['cases', 'status', v.CASE_STATUSES],
  ['cases', 'handled_level', v.HANDLED_LEVELS],
  ['case_events', 'to_status', v.CASE_STATUSES],
  ['case_events', 'kind', v.CASE_EVENT_KINDS],
  ['departments', 'kind', v.DEPARTMENT_KINDS],
  ['departments', 'stationing', v.DEPARTMENT_STATIONINGS],
  ['case_assignments', 'role', v.ASSIGNMENT_ROLES],
  ['case_assignments', 'state', v.ASSIGNMENT_STATES],
  ['case_assignments', 'reason', v.RETURN_REASONS],
  ['users', 'role', ROLES],
];

eachDriver('vocabulary and schema', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'migrated');
  });
  afterAll(() => db.close());

  it.each(COLUMNS)('%s.%s accepts exactly the vocabulary', async (table, column, values) => {
    const { rows } = await db.query<{ def: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.conrelid = $1::regclass AND c.contype = 'c' AND a.attname = $2 AND cardinality(c.conkey) = 1`,
      [table, column],
    );
    const listed = rows.flatMap((r) => [...r.def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]));
    expect([...listed].sort()).toEqual([...values].sort());
  });
});
