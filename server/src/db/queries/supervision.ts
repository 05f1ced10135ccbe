/** Supervision orders and their responses (migration 024; docs/federation.md). */
import type { Queryable } from '../database.js';
import type { IssuerLevel, SupervisionState, SupervisionStep } from '../../domain/supervision.js';

export interface SupervisionOrderRow {
  code: string;
  target_kind: 'unit' | 'case';
  target_code: string;
  target_city: string;
  issuer_level: IssuerLevel;
  issued_by: string;
  issued_at: Date;
  demand: string;
  deadline: Date;
  /** Responses so far: 0 open, 1 acknowledged, 2 closed; the version an answer must name. */
  responses: number;
  state: SupervisionState;
}

export interface SupervisionResponseRow {
  order_code: string;
  seq: number;
  kind: SupervisionStep;
  responded_by: string;
  at: Date;
  note: string | null;
}

const ORDER_COLUMNS = `o.code, o.target_kind, o.target_code, o.target_city, o.issuer_level, o.issued_by,
  o.issued_at, o.demand, o.deadline,
  (SELECT count(*)::int FROM supervision_responses r WHERE r.order_code = o.code) AS responses,
  CASE
    WHEN EXISTS (SELECT 1 FROM supervision_responses r WHERE r.order_code = o.code AND r.kind = 'closed') THEN 'closed'
    WHEN EXISTS (SELECT 1 FROM supervision_responses r WHERE r.order_code = o.code AND r.kind = 'acknowledged') THEN 'acknowledged'
    ELSE 'open'
  END AS state`;

/**
 * The next serial of orders whose code starts with `prefix` (unit + P or C), holding a lock on
 * that prefix to the end of the transaction so that two issuers never take the same one.
 */
export async function nextSupervisionSerial(db: Queryable, prefix: string): Promise<number> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))::text', [`supervision:${prefix}`]);
  const { rows } = await db.query<{ code: string | null }>(
    'SELECT max(code) AS code FROM supervision_orders WHERE code >= $1 AND code <= $2',
    [`${prefix}000000`, `${prefix}999999`],
  );
  const last = rows[0]?.code;
  return last ? Number(last.slice(13)) + 1 : 1;
}

export interface NewSupervisionOrder {
  code: string;
  targetKind: 'unit' | 'case';
  targetCode: string;
  targetCity: string;
  issuerLevel: IssuerLevel;
  issuedBy: string;
  issuedAt: Date;
  demand: string;
  deadline: Date;
}

export async function insertSupervisionOrder(db: Queryable, o: NewSupervisionOrder): Promise<void> {
  await db.query(
    `INSERT INTO supervision_orders
       (code, target_kind, target_code, target_city, issuer_level, issued_by, issued_at, demand, deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [o.code, o.targetKind, o.targetCode, o.targetCity, o.issuerLevel, o.issuedBy, o.issuedAt, o.demand, o.deadline],
  );
}

/**
 * The order `code` when its target lies inside `prefix`; `lock` holds the order's row (and so
 * its responses' next step) to the end of the transaction.
 */
export async function findSupervisionOrder(
  db: Queryable,
  code: string,
  prefix: string,
  lock = false,
): Promise<SupervisionOrderRow | null> {
  if (lock) {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))::text', [`supervision-order:${code}`]);
  }
  const { rows } = await db.query<SupervisionOrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM supervision_orders o WHERE o.code = $1 AND o.target_code LIKE $2`,
    [code, `${prefix}%`],
  );
  return rows[0] ?? null;
}

export async function supervisionOrderExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM supervision_orders WHERE code = $1', [code]);
  return rows.length > 0;
}

/** Orders whose target lies inside `prefix` (and `state`, when given), nearest deadline first. */
export async function findSupervisionOrders(
  db: Queryable,
  prefix: string,
  state: SupervisionState | null,
  limit: number,
): Promise<SupervisionOrderRow[]> {
  const { rows } = await db.query<SupervisionOrderRow>(
    `SELECT * FROM (SELECT ${ORDER_COLUMNS} FROM supervision_orders o WHERE o.target_code LIKE $1) orders
     WHERE $2::text IS NULL OR state = $2
     ORDER BY deadline, code LIMIT $3`,
    [`${prefix}%`, state, limit],
  );
  return rows;
}

export async function insertSupervisionResponse(db: Queryable, r: SupervisionResponseRow): Promise<void> {
  await db.query(
    `INSERT INTO supervision_responses (order_code, seq, kind, responded_by, at, note) VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.order_code, r.seq, r.kind, r.responded_by, r.at, r.note],
  );
}

export async function findSupervisionResponses(db: Queryable, orderCode: string): Promise<SupervisionResponseRow[]> {
  const { rows } = await db.query<SupervisionResponseRow>(
    `SELECT order_code, seq, kind, responded_by, at, note FROM supervision_responses
     WHERE order_code = $1 ORDER BY seq`,
    [orderCode],
  );
  return rows;
}
