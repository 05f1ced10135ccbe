/** Cameras (雪亮工程): filtered pages and bulk status heartbeats. */
import type { AreaFilter } from '../../domain/area-filter.js';
import type { Queryable } from '../database.js';
import { Conditions } from './sql-builder.js';

export interface CameraRow {
  id: string;
  name: string;
  kind: string;
  status: string;
  last_seen: Date | null;
  heading: number | null;
  fov: number | null;
  owner_unit: string;
  grid_code: string;
  lon: number;
  lat: number;
}

const CAMERA_COLUMNS = `id, name, kind, status, last_seen, heading, fov, owner_unit, grid_code,
  ST_X(geom) AS lon, ST_Y(geom) AS lat`;

export interface CameraFilter {
  /** Jurisdiction prefix, matched against the grid code (the 20-digit id is too coarse). */
  prefix: string;
  area: AreaFilter;
  unitPrefix: (code: string) => string;
  statuses: string[] | null;
}

function cameraConditions(filter: CameraFilter): Conditions {
  const c = new Conditions();
  c.prefix('grid_code', filter.prefix);
  c.area(filter.area, 'geom', 'grid_code', filter.unitPrefix);
  if (filter.statuses?.length) c.add(`status = ANY(${c.param(filter.statuses)}::text[])`);
  return c;
}

/** Cameras by id; `after` is the id of the last row of the previous page. */
export async function findCamerasPage(
  db: Queryable,
  filter: CameraFilter,
  after: string | null,
  limit: number,
): Promise<{ rows: CameraRow[]; total: number }> {
  const count = cameraConditions(filter);
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cameras ${count.where()}`, count.params))
    .rows[0]!.n;
  const c = cameraConditions(filter);
  if (after !== null) c.add(`id > ${c.param(after)}`);
  const { rows } = await db.query<CameraRow>(
    `SELECT ${CAMERA_COLUMNS} FROM cameras ${c.where()} ORDER BY id LIMIT ${limit + 1}`,
    c.params,
  );
  return { rows, total };
}

/** The grid of each listed camera that exists, locked until the transaction ends. */
export async function lockCamerasGrids(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; grid_code: string }>(
    'SELECT id, grid_code FROM cameras WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.grid_code]));
}

export interface CameraHeartbeat {
  id: string;
  status: string;
  at: Date;
}

export interface CameraStatusChange {
  id: string;
  gridCode: string;
  status: string;
  at: Date;
}

/**
 * Sets status and last_seen from each heartbeat, skipping one older than what the camera
 * already reported (heartbeats can arrive out of order). Returns the number of cameras
 * updated and the cameras whose status changed.
 */
export async function applyCameraHeartbeats(
  db: Queryable,
  beats: readonly CameraHeartbeat[],
): Promise<{ updated: number; changed: CameraStatusChange[] }> {
  if (beats.length === 0) return { updated: 0, changed: [] };
  // Every CTE sees the rows as before the UPDATE, so `before` holds the old statuses.
  const { rows } = await db.query<{ id: string; grid_code: string; status: string; at: Date; old_status: string }>(
    `WITH u AS (SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(id, status, at)),
     before AS (SELECT c.id, c.status FROM cameras c JOIN u ON u.id = c.id),
     updated AS (
       UPDATE cameras c SET status = u.status, last_seen = u.at FROM u
       WHERE c.id = u.id AND (c.last_seen IS NULL OR c.last_seen <= u.at)
       RETURNING c.id, c.grid_code, c.status, c.last_seen AS at
     )
     SELECT updated.*, before.status AS old_status FROM updated JOIN before ON before.id = updated.id`,
    [beats.map((b) => b.id), beats.map((b) => b.status), beats.map((b) => b.at.toISOString())],
  );
  return {
    updated: rows.length,
    changed: rows
      .filter((r) => r.status !== r.old_status)
      .map((r) => ({ id: r.id, gridCode: r.grid_code, status: r.status, at: r.at })),
  };
}

/** One camera inside the jurisdiction prefix, or null. */
export async function findCamera(db: Queryable, id: string, prefix: string): Promise<CameraRow | null> {
  const { rows } = await db.query<CameraRow>(
    `SELECT ${CAMERA_COLUMNS} FROM cameras WHERE id = $1 AND grid_code LIKE $2`,
    [id, `${prefix}%`],
  );
  return rows[0] ?? null;
}
