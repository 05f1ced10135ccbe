/** Cases and their events: lookups, filtered pages, and the writes of the lifecycle. */
import type { AreaFilter } from '../../domain/area-filter.js';
import type { Queryable } from '../database.js';
import { Conditions } from './sql-builder.js';

export interface CaseRow {
  code: string;
  category: string;
  severity: string;
  source: string;
  status: string;
  reported_at: Date;
  deadline: Date;
  closed_at: Date | null;
  handled_level: string;
  grid_code: string;
  village_code: string;
  lon: number;
  lat: number;
  version: number;
  /** The state of the case's newest lead assignment (dispatch), null when it never had one. */
  lead_state: string | null;
}

export interface CaseEventRow {
  case_code: string;
  at: Date;
  from_status: string | null;
  to_status: string;
  actor: string;
  note: string | null;
  /** 'status' for a lifecycle move, else the dispatch move (default 'status'). */
  kind?: string;
  /** The department a dispatch event concerns. */
  department_code?: string | null;
}

/** The case (of `cases`) has an assignment of the department given by the parameter. */
const ASSIGNED_TO = (param: string, alias = 'cases.') =>
  `EXISTS (SELECT 1 FROM case_assignments ca WHERE ca.case_code = ${alias}code AND ca.department_code = ${param})`;

const CASE_COLUMNS = `code, category, severity, source, status, reported_at, deadline, closed_at, handled_level,
  grid_code, village_code, ST_X(geom) AS lon, ST_Y(geom) AS lat, version,
  (SELECT a.state FROM case_assignments a WHERE a.case_code = cases.code AND a.role = 'lead'
   ORDER BY a.id DESC LIMIT 1) AS lead_state`;

/**
 * The case inside `prefix`; with `departmentCode`, only when that department holds or held a
 * part of it (what a department account sees).
 */
export async function findCase(
  db: Queryable,
  code: string,
  prefix: string,
  forUpdate = false,
  departmentCode: string | null = null,
): Promise<CaseRow | null> {
  const { rows } = await db.query<CaseRow>(
    `SELECT ${CASE_COLUMNS} FROM cases WHERE code = $1 AND village_code LIKE $2
       AND ($3::text IS NULL OR ${ASSIGNED_TO('$3')})${forUpdate ? ' FOR UPDATE' : ''}`,
    [code, `${prefix}%`, departmentCode],
  );
  return rows[0] ?? null;
}

export async function caseExists(db: Queryable, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM cases WHERE code = $1', [code])).rows.length > 0;
}

export async function findCaseEvents(db: Queryable, code: string): Promise<CaseEventRow[]> {
  const { rows } = await db.query<CaseEventRow>(
    `SELECT case_code, at, from_status, to_status, actor, note, kind, department_code
     FROM case_events WHERE case_code = $1 ORDER BY at, id`,
    [code],
  );
  return rows;
}

export interface CaseFilter {
  prefix: string;
  area: AreaFilter;
  unitPrefix: (code: string) => string;
  from: Date | null;
  to: Date | null;
  statuses: string[] | null;
  categories: string[] | null;
  overdue: boolean | null;
  now: Date;
  /** A department account's department: only the cases it holds or held a part of. */
  departmentCode?: string | null;
}

export function caseConditions(filter: CaseFilter, alias = ''): Conditions {
  const c = new Conditions();
  const col = (name: string) => `${alias}${name}`;
  c.prefix(col('village_code'), filter.prefix);
  c.area(filter.area, col('geom'), col('village_code'), filter.unitPrefix);
  if (filter.from) c.add(`${col('reported_at')} >= ${c.param(filter.from)}`);
  if (filter.to) c.add(`${col('reported_at')} < ${c.param(filter.to)}`);
  if (filter.statuses?.length) c.add(`${col('status')} = ANY(${c.param(filter.statuses)}::text[])`);
  if (filter.categories?.length) c.add(`${col('category')} = ANY(${c.param(filter.categories)}::text[])`);
  if (filter.overdue !== null) {
    const overdue = `(${col('closed_at')} IS NULL AND ${col('deadline')} < ${c.param(filter.now)})`;
    c.add(filter.overdue ? overdue : `NOT ${overdue}`);
  }
  if (filter.departmentCode) c.add(ASSIGNED_TO(c.param(filter.departmentCode), alias || 'cases.'));
  return c;
}

/** Newest first; `after` is the [reportedAt ms, code] of the last row of the previous page. */
export async function findCasesPage(
  db: Queryable,
  filter: CaseFilter,
  after: [number, string] | null,
  limit: number,
): Promise<{ rows: CaseRow[]; total: number }> {
  const count = caseConditions(filter);
  const c = caseConditions(filter);
  if (after) c.add(`(reported_at, code) < (${c.param(new Date(after[0]))}::timestamptz, ${c.param(after[1])})`);
  // Two connections of the pool at once on the server driver; one after the other when embedded.
  const [counted, { rows }] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases ${count.where()}`, count.params),
    db.query<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases ${c.where()} ORDER BY reported_at DESC, code DESC LIMIT ${limit + 1}`,
      c.params,
    ),
  ]);
  const total = counted.rows[0]!.n;
  return { rows, total };
}

/**
 * The current grid covering the point, with its village (the same rule as findGridAt: the
 * lowest code where grids touch), and the lock that serialises case codes of that village on
 * day `ymd` (YYYYMMDD), taken in the same round trip. The LIMIT subquery is not flattened, so
 * the lock is taken for the one grid found. The serial must then be read by a later statement,
 * whose snapshot is taken after the lock is held (see nextCaseSerial).
 */
export async function findGridAtAndLockSerials(
  db: Queryable,
  lon: number,
  lat: number,
  ymd: string,
): Promise<{ code: string; village_code: string } | null> {
  const { rows } = await db.query<{ code: string; village_code: string }>(
    `SELECT g.code, g.village_code, pg_advisory_xact_lock(hashtext(g.village_code || $3))::text AS locked
     FROM (SELECT code, village_code FROM grids
           WHERE valid_to IS NULL AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
           ORDER BY code LIMIT 1) g`,
    [lon, lat, ymd],
  );
  return rows[0] ? { code: rows[0].code, village_code: rows[0].village_code } : null;
}

/**
 * The next free serial of a village and day; the caller holds the lock of
 * findGridAtAndLockSerials. Codes are exactly 24 digits (a CHECK), so the day's codes are the
 * primary-key range prefix + 0000 … prefix + 9999: an index-only probe. (`code LIKE $1` with a
 * parameter cannot use the index and reads every case, which would dominate reportCase.)
 */
export async function nextCaseSerial(db: Queryable, villageCode: string, ymd: string): Promise<number> {
  const prefix = villageCode + ymd;
  const { rows } = await db.query<{ code: string | null }>(
    'SELECT max(code) AS code FROM cases WHERE code >= $1 AND code <= $2',
    [`${prefix}0000`, `${prefix}9999`],
  );
  const last = rows[0]?.code;
  return last ? Number(last.slice(-4)) + 1 : 1;
}

export interface NewCase {
  code: string;
  category: string;
  severity: string;
  source: string;
  reportedAt: Date;
  deadline: Date;
  gridCode: string;
  villageCode: string;
  lon: number;
  lat: number;
}

/**
 * Inserts a new case and its first event (registered) in one statement, and returns the case
 * as stored: one round trip instead of three (insert, event, read back). The event's foreign
 * key is checked at the end of the statement, when the case is there.
 */
export async function insertCaseWithFirstEvent(
  db: Queryable,
  c: NewCase,
  event: { actor: string; note: string | null },
): Promise<CaseRow> {
  const { rows } = await db.query<CaseRow>(
    `WITH inserted AS (
       INSERT INTO cases (code, category, severity, source, status, reported_at, deadline, closed_at, handled_level,
         grid_code, village_code, geom, version)
       VALUES ($1, $2, $3, $4, 'registered', $5, $6, NULL, 'village', $7, $8,
         ST_SetSRID(ST_MakePoint($9, $10), 4326), 1)
       RETURNING *
     ), first_event AS (
       INSERT INTO case_events (case_code, at, from_status, to_status, actor, note)
       SELECT code, reported_at, NULL, 'registered', $11, $12 FROM inserted
     )
     SELECT ${CASE_COLUMNS} FROM inserted AS cases`,
    [
      c.code,
      c.category,
      c.severity,
      c.source,
      c.reportedAt,
      c.deadline,
      c.gridCode,
      c.villageCode,
      c.lon,
      c.lat,
      event.actor,
      event.note,
    ],
  );
  return rows[0]!;
}

export async function updateCaseState(
  db: Queryable,
  code: string,
  state: { status: string; handledLevel: string; deadline: Date; closedAt: Date | null },
): Promise<void> {
  await db.query(
    `UPDATE cases SET status = $2, handled_level = $3, deadline = $4, closed_at = $5, version = version + 1
     WHERE code = $1`,
    [code, state.status, state.handledLevel, state.deadline, state.closedAt],
  );
}

export async function insertCaseEvent(db: Queryable, e: CaseEventRow): Promise<void> {
  await db.query(
    `INSERT INTO case_events (case_code, at, from_status, to_status, actor, note, kind, department_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.case_code, e.at, e.from_status, e.to_status, e.actor, e.note, e.kind ?? 'status', e.department_code ?? null],
  );
}
