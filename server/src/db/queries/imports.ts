/**
 * SQL of imports: staging rows with COPY into a temporary table, set-based checks against the
 * map (grids that exist, positions inside grids, jurisdiction), the upsert by key with the rows
 * it replaces kept for rollback, the record of imports, and rollback. Cameras, risk points and
 * cases share one shape: a point, a key and plain columns. Grids go through grid-changes.
 */
import { copyTextField, type Queryable } from '../database.js';

export type PointLayer = 'cameras' | 'risk_points' | 'cases';

interface Column {
  name: string;
  type: string;
  /** The value inserted for a new row (default: the staged value). */
  insert?: string;
  /** The value of an updated row; `t` is the existing row (default: the staged value). */
  update?: string;
}

interface PointTable {
  table: PointLayer;
  key: 'id' | 'code';
  columns: Column[];
  /** Extra assignments when a row is updated. */
  onUpdate?: string;
  /** Extra columns set on insert: name → expression over the stage row `s`. */
  insertExtra?: Record<string, string>;
  /** Only grids of the case's own village may hold it. */
  sameVillage?: boolean;
}

const keep = (name: string) => `COALESCE(s.${name}, t.${name})`;

export const POINT_TABLES: Record<PointLayer, PointTable> = {
  cameras: {
    table: 'cameras',
    key: 'id',
    columns: [
      { name: 'id', type: 'text' },
      { name: 'name', type: 'text' },
      // A register that does not say keeps an existing camera's kind (a new one gets a default, see fillNewRows).
      { name: 'kind', type: 'text', update: keep('kind') },
      // Status is the video platform's to report; a new camera is offline until it does.
      { name: 'status', type: 'text', insert: `COALESCE(s.status, 'offline')`, update: keep('status') },
      { name: 'last_seen', type: 'timestamptz', update: keep('last_seen') },
      { name: 'heading', type: 'smallint', update: keep('heading') },
      { name: 'fov', type: 'smallint', update: keep('fov') },
      { name: 'owner_unit', type: 'text', update: keep('owner_unit') },
      { name: 'grid_code', type: 'text' },
    ],
  },
  risk_points: {
    table: 'risk_points',
    key: 'id',
    columns: [
      { name: 'id', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'level', type: 'smallint' },
      { name: 'responsible_unit', type: 'text' },
      { name: 'last_inspected_at', type: 'timestamptz', update: keep('last_inspected_at') },
      { name: 'grid_code', type: 'text' },
    ],
  },
  cases: {
    table: 'cases',
    key: 'code',
    columns: [
      { name: 'code', type: 'text' },
      { name: 'category', type: 'text' },
      { name: 'severity', type: 'text' },
      { name: 'source', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'reported_at', type: 'timestamptz' },
      { name: 'deadline', type: 'timestamptz' },
      { name: 'closed_at', type: 'timestamptz' },
      { name: 'handled_level', type: 'text' },
      { name: 'grid_code', type: 'text' },
    ],
    // Clients hold the version for optimistic concurrency; an import is a change like any other.
    onUpdate: 'version = t.version + 1',
    insertExtra: { village_code: 'left(s.code, 12)' },
    sameVillage: true,
  },
};

const COPY_CHUNK_ROWS = 50_000;

/** A staged row: its place in the file, its column values in POINT_TABLES order, lon/lat in WGS-84. */
export interface StagedPoint {
  ordinal: number;
  position: string;
  values: (string | number | null)[];
  gridGiven: boolean;
  lon: number;
  lat: number;
}

async function hasSetting(tx: Queryable, name: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM pg_settings WHERE name = $1', [name]);
  return rows.length > 0;
}

/** Hex EWKB of a WGS-84 point (SRID 4326), which COPY reads as geometry without any function call. */
export function pointEwkbHex(lon: number, lat: number): string {
  const bytes = Buffer.alloc(25);
  bytes.writeUInt8(1, 0); // little-endian
  bytes.writeUInt32LE(0x20000001, 1); // Point with SRID
  bytes.writeUInt32LE(4326, 5);
  bytes.writeDoubleLE(lon, 9);
  bytes.writeDoubleLE(lat, 17);
  return bytes.toString('hex');
}

/** Creates the stage (dropped at commit or rollback) and copies the rows into it. */
export async function stagePoints(tx: Queryable, layer: PointLayer, rows: readonly StagedPoint[]): Promise<void> {
  const spec = POINT_TABLES[layer];
  const columns = spec.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  // JIT compiling spends ~0.5 s on each large statement of an import, more than it saves.
  if (await hasSetting(tx, 'jit')) await tx.query('SET LOCAL jit = off');
  await tx.query('DROP TABLE IF EXISTS import_stage');
  await tx.query(
    `CREATE TEMP TABLE import_stage (ord integer, position text, ${columns}, grid_given boolean,
       geom geometry(Point, 4326)) ON COMMIT DROP`,
  );
  const names = ['ord', 'position', ...spec.columns.map((c) => c.name), 'grid_given', 'geom'];
  for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
    const lines: string[] = [];
    for (const r of rows.slice(start, start + COPY_CHUNK_ROWS)) {
      const values = [r.ordinal, r.position, ...r.values, r.gridGiven].map(copyTextField);
      lines.push(`${values.join('\t')}\t${pointEwkbHex(r.lon, r.lat)}`);
    }
    await tx.copyIn('import_stage', names, `${lines.join('\n')}\n`);
  }
  await tx.query('ANALYZE import_stage');
}

export interface StageFinding {
  ordinal: number;
  position: string;
  field: string;
  /** A reason code of domain/row-checks.ts, with its parameters. */
  code?: 'no_grid_at_position' | 'unknown_grid' | 'grid_outside_jurisdiction';
  params?: Record<string, string>;
  reason: string;
}

const POINT = 's.geom';

/**
 * Gives rows without a grid code the current grid their point lies in (for cases, a grid of
 * the case's village), then reports rows whose grid is missing, unknown or outside `prefix`.
 * The join runs grid by grid over an index of the staged points (LATERAL … OFFSET 0 keeps the
 * planner from turning it around), so each grid polygon is read and prepared once for all the
 * points in it instead of once per point: 4 s instead of 16 s for 250,000 cameras.
 */
export async function checkStagedGrids(tx: Queryable, layer: PointLayer, prefix: string): Promise<StageFinding[]> {
  const spec = POINT_TABLES[layer];
  const village = spec.sameVillage ? 'AND g.village_code = left(s.code, 12)' : '';
  const { rows: missing } = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM import_stage WHERE grid_code IS NULL',
  );
  if (missing[0]!.n > 0) {
    await tx.query('CREATE INDEX ON import_stage USING gist (geom)');
    await tx.query('DROP TABLE IF EXISTS import_found');
    await tx.query(
      `CREATE TEMP TABLE import_found ON COMMIT DROP AS
       SELECT DISTINCT ON (s.ord) s.ord, g.code
       FROM grids g CROSS JOIN LATERAL (
         SELECT s.ord FROM import_stage s
         WHERE ST_Intersects(g.geom, s.geom) AND s.grid_code IS NULL ${village}
         OFFSET 0) s
       WHERE g.valid_to IS NULL
       ORDER BY s.ord, g.code`,
    );
    await tx.query('UPDATE import_stage s SET grid_code = f.code FROM import_found f WHERE s.ord = f.ord');
  }
  const { rows } = await tx.query<{ ordinal: number; position: string; reason: string; grid: string | null }>(
    `SELECT s.ord AS ordinal, s.position, s.grid_code AS grid, CASE
       WHEN s.grid_code IS NULL THEN
         ${spec.sameVillage ? `'the position is not inside any grid of village ' || left(s.code, 12)` : `'the position is not inside any current grid'`}
       WHEN g.code IS NULL THEN 'grid ' || s.grid_code || ' does not exist (no current version)'
       WHEN s.grid_code NOT LIKE $1 THEN 'grid ' || s.grid_code || ' is outside your jurisdiction'
     END AS reason
     FROM import_stage s LEFT JOIN grids g ON g.code = s.grid_code AND g.valid_to IS NULL
     WHERE s.grid_code IS NULL OR g.code IS NULL OR s.grid_code NOT LIKE $1
     ORDER BY s.ord`,
    [`${prefix}%`],
  );
  return rows.map(({ grid, ...r }) => {
    const code =
      grid === null
        ? 'no_grid_at_position'
        : r.reason.endsWith('jurisdiction')
          ? 'grid_outside_jurisdiction'
          : 'unknown_grid';
    return { ...r, field: 'grid_code', code, params: { column: 'grid_code', ...(grid === null ? {} : { grid }) } };
  });
}

/** Rows whose stated grid does not contain their point (a warning: surveys and registers drift). */
export async function findPointsOutsideStatedGrid(
  tx: Queryable,
  limit: number,
): Promise<{ total: number; rows: StageFinding[] }> {
  const { rows } = await tx.query<{ ordinal: number; position: string; reason: string; total: number }>(
    `SELECT s.ord AS ordinal, s.position,
       'stands ' || round(ST_Distance(g.geom::geography, ${POINT}::geography)) || ' m outside its grid ' || s.grid_code AS reason,
       count(*) OVER ()::int AS total
     FROM import_stage s JOIN grids g ON g.code = s.grid_code AND g.valid_to IS NULL
     WHERE s.grid_given AND NOT ST_Intersects(g.geom, ${POINT})
     ORDER BY s.ord LIMIT $1`,
    [limit],
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _t, ...r }) => ({ ...r, field: 'geometry' })) };
}

/**
 * Gives staged rows that will be new a value for each column in `values` where the file had
 * none (an existing row keeps its own through the update's COALESCE).
 */
export async function fillNewRows(
  tx: Queryable,
  layer: PointLayer,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const { table, key, columns } = POINT_TABLES[layer];
  for (const [name, value] of Object.entries(values)) {
    if (!columns.some((c) => c.name === name)) throw new Error(`${table} has no column ${name}`);
    await tx.query(
      `UPDATE import_stage s SET ${name} = $1
       WHERE s.${name} IS NULL AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = s.${key})`,
      [value],
    );
  }
}

/** How many staged rows replace an existing row (the rest are new). */
export async function countExisting(tx: Queryable, layer: PointLayer): Promise<number> {
  const { table, key } = POINT_TABLES[layer];
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM import_stage s JOIN ${table} t ON t.${key} = s.${key}`,
  );
  return rows[0]!.n;
}

export interface NewImport {
  layer: string;
  username: string;
  jurisdictionCode: string;
  fileName: string;
  sha256: string;
  format: string;
  crs: string;
  counts: Record<string, number>;
  warnings: unknown[];
  /** The application clock's time (not the database's now(), so pinned test clocks hold). */
  at: Date;
}

export async function insertImport(tx: Queryable, i: NewImport): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO imports (layer, username, jurisdiction_code, file_name, sha256, format, crs, counts, warnings, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      i.layer,
      i.username,
      i.jurisdictionCode,
      i.fileName,
      i.sha256,
      i.format,
      i.crs,
      JSON.stringify(i.counts),
      JSON.stringify(i.warnings),
      i.at,
    ],
  );
  return rows[0]!.id;
}

/**
 * Writes the staged rows: records what each replaces, updates the existing rows and inserts the
 * new ones (two statements, so the count triggers of migration 004 see plain updates and inserts).
 */
export async function upsertStagedPoints(
  tx: Queryable,
  layer: PointLayer,
  importId: number,
  step: <T>(name: string, work: () => Promise<T>) => Promise<T> = (_name, work) => work(),
): Promise<{ inserted: number; updated: number }> {
  const { table, key, columns, onUpdate, insertExtra = {} } = POINT_TABLES[layer];
  const updated = await step('upsert: keep previous rows', () =>
    tx.query(
      `INSERT INTO import_changes (import_id, key, action, previous, previous_geom)
     SELECT $1, t.${key}, 'updated', to_jsonb(t) - 'geom', t.geom
     FROM ${table} t JOIN import_stage s ON t.${key} = s.${key}`,
      [importId],
    ),
  );
  const inserted = await step('upsert: list new rows', () =>
    tx.query(
      `INSERT INTO import_changes (import_id, key, action)
     SELECT $1, s.${key}, 'inserted' FROM import_stage s
     WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = s.${key})`,
      [importId],
    ),
  );
  const sets = columns
    .filter((c) => c.name !== key)
    .map((c) => `${c.name} = ${c.update ?? `s.${c.name}`}`)
    .concat(`geom = ${POINT}`, onUpdate ? [onUpdate] : []);
  if (updated.rowCount > 0) {
    await step('upsert: update', () =>
      tx.query(`UPDATE ${table} t SET ${sets.join(', ')} FROM import_stage s WHERE t.${key} = s.${key}`),
    );
  }
  const names = [...columns.map((c) => c.name), ...Object.keys(insertExtra), 'geom'];
  const values = [...columns.map((c) => c.insert ?? `s.${c.name}`), ...Object.values(insertExtra), POINT];
  if (inserted.rowCount > 0) {
    await step('upsert: insert', () =>
      tx.query(
        `INSERT INTO ${table} (${names.join(', ')})
       SELECT ${values.join(', ')} FROM import_stage s
       WHERE NOT EXISTS (SELECT 1 FROM import_changes c WHERE c.import_id = $1 AND c.action = 'updated' AND c.key = s.${key})
       ORDER BY s.${key}`,
        [importId],
      ),
    );
  }
  return { inserted: inserted.rowCount, updated: updated.rowCount };
}

/** Puts back what an import of points changed: deletes what it inserted, restores what it updated. */
export async function rollBackPoints(tx: Queryable, layer: PointLayer, importId: number): Promise<void> {
  const { table, key, columns, onUpdate } = POINT_TABLES[layer];
  await tx.query(
    `DELETE FROM ${table} WHERE ${key} IN (
       SELECT key FROM import_changes WHERE import_id = $1 AND action = 'inserted')`,
    [importId],
  );
  const restored = [...columns.filter((c) => c.name !== key).map((c) => c.name), ...(onUpdate ? ['version'] : [])];
  await tx.query(
    `UPDATE ${table} t SET ${restored.map((c) => `${c} = r.${c}`).join(', ')}, geom = c.previous_geom
     FROM import_changes c CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, c.previous) r
     WHERE c.import_id = $1 AND c.action = 'updated' AND t.${key} = c.key`,
    [importId],
  );
}

export async function recordChange(tx: Queryable, importId: number, key: string, action: 'grid_change'): Promise<void> {
  await tx.query('INSERT INTO import_changes (import_id, key, action) VALUES ($1, $2, $3)', [importId, key, action]);
}

export async function findChangeKeys(tx: Queryable, importId: number, action: 'grid_change'): Promise<string[]> {
  const { rows } = await tx.query<{ key: string }>(
    'SELECT key FROM import_changes WHERE import_id = $1 AND action = $2 ORDER BY key::bigint DESC',
    [importId, action],
  );
  return rows.map((r) => r.key);
}

export interface ImportRow {
  id: number;
  layer: string;
  username: string;
  jurisdiction_code: string;
  at: Date;
  file_name: string;
  sha256: string;
  format: string;
  crs: string;
  counts: Record<string, number>;
  warnings: unknown[];
  status: 'applied' | 'rolled_back';
  rolled_back_at: Date | null;
  rolled_back_by: string | null;
}

/** Imports whose importer's jurisdiction lies inside `prefix`, newest first. */
export async function findImports(
  db: Queryable,
  prefix: string,
  layer: string | null,
  limit: number,
): Promise<ImportRow[]> {
  const { rows } = await db.query<ImportRow>(
    `SELECT * FROM imports WHERE jurisdiction_code LIKE $1 AND ($2::text IS NULL OR layer = $2)
     ORDER BY id DESC LIMIT $3`,
    [`${prefix}%`, layer, limit],
  );
  return rows;
}

/** One import, locked for a rollback when `lock`. */
export async function findImport(db: Queryable, id: number, lock = false): Promise<ImportRow | null> {
  const { rows } = await db.query<ImportRow>(`SELECT * FROM imports WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ?? null;
}

/** The first applied import of the layer after `id`: it must be rolled back first. */
export async function findLaterApplied(db: Queryable, layer: string, id: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM imports WHERE layer = $1 AND id > $2 AND status = 'applied' ORDER BY id LIMIT 1`,
    [layer, id],
  );
  return rows[0]?.id ?? null;
}

export async function markRolledBack(tx: Queryable, id: number, username: string, at: Date): Promise<void> {
  await tx.query(`UPDATE imports SET status = 'rolled_back', rolled_back_at = $3, rolled_back_by = $2 WHERE id = $1`, [
    id,
    username,
    at,
  ]);
}

/** Current grids of other villages that an imported grid overlaps by more than `toleranceSquareMeters`. */
export async function findOverlapsWithOtherVillages(
  db: Queryable,
  grids: readonly { index: number; geometry: unknown; villageCode: string }[],
  toleranceSquareMeters: number,
): Promise<{ index: number; code: string; areaSquareMeters: number }[]> {
  const { rows } = await db.query<{ index: number; code: string; area: number }>(
    `WITH imported AS (
       SELECT (g ->> 'index')::int AS i, g ->> 'village' AS village,
         ST_SetSRID(ST_GeomFromGeoJSON(g ->> 'geometry'), 4326) AS geom
       FROM jsonb_array_elements($1::jsonb) g
     ), valid AS (SELECT * FROM imported WHERE ST_IsValid(geom))
     SELECT v.i AS index, g.code, ST_Area(ST_Intersection(v.geom, g.geom)::geography) AS area
     FROM valid v JOIN grids g ON g.valid_to IS NULL AND g.village_code <> v.village AND ST_Relate(v.geom, g.geom, '2********')
     ORDER BY v.i, g.code`,
    [
      JSON.stringify(
        grids.map((g) => ({ index: g.index, village: g.villageCode, geometry: JSON.stringify(g.geometry) })),
      ),
    ],
  );
  return rows
    .filter((r) => r.area > toleranceSquareMeters)
    .map((r) => ({ index: r.index, code: r.code, areaSquareMeters: r.area }));
}
