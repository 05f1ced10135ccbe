/**
 * A small city for the federation tests: one unit per level down to a village, one grid, and
 * helpers that write cases and grid versions the way the product stores them.
 */
import type { Queryable } from '../src/db/database.js';

export interface MiniCity {
  city4: string;
  cityCode: string;
  villageCode: string;
  gridCode: string;
}

const square = (lon: number, lat: number, d: number) =>
  `POLYGON((${lon} ${lat}, ${lon + d} ${lat}, ${lon + d} ${lat + d}, ${lon} ${lat + d}, ${lon} ${lat}))`;

/** Writes the city `city4` (e.g. 3717) with its hierarchy and one grid at (lon, lat). */
export async function insertMiniCity(
  db: Queryable,
  city4: string,
  name: string,
  lon: number,
  lat: number,
): Promise<MiniCity> {
  const cityCode = `${city4}00000000`;
  const county = `${city4}02000000`;
  const township = `${city4}02001000`;
  const villageCode = `${city4}02001001`;
  const gridCode = `${villageCode}001`;
  const units: [string, string, string, string | null][] = [
    [cityCode, 'city', name, null],
    [county, 'county', `${name}一区`, cityCode],
    [township, 'township', `${name}一街道`, county],
    [villageCode, 'village', `${name}一社区`, township],
  ];
  for (const [code, level, unitName, parent] of units) {
    await db.query(
      `INSERT INTO admin_units (code, level, name, parent_code, population, households, geom)
       VALUES ($1, $2, $3, $4, 1000, 300, ST_Multi(ST_GeomFromText($5, 4326)))`,
      [code, level, unitName, parent, square(lon, lat, 0.1)],
    );
  }
  await insertGridVersion(db, gridCode, 1, lon, lat, null);
  return { city4, cityCode, villageCode, gridCode };
}

/** Adds a version of a grid, valid from `from` (default the pinned test day). */
export async function insertGridVersion(
  db: Queryable,
  gridCode: string,
  version: number,
  lon: number,
  lat: number,
  createdByChange: number | null,
  from = '2026-06-01T00:00:00Z',
): Promise<void> {
  await db.query(
    `INSERT INTO grids (code, version, village_code, name, kind, households, population, staff, geom, valid_from, created_by_change)
     VALUES ($1, $2, left($1, 12), '一网格', 'comprehensive', 300, 1000, '{"head":1,"workers":2,"volunteers":3}',
       ST_GeomFromText($3, 4326), $4, $5)`,
    [gridCode, version, square(lon, lat, 0.05 + version * 0.001), from, createdByChange],
  );
}

/** Registers a case in the city's one grid; `serial` makes its code (village + day + serial). */
export async function insertCase(
  db: Queryable,
  city: MiniCity,
  serial: number,
  lon: number,
  lat: number,
): Promise<string> {
  const code = `${city.villageCode}20260630${String(serial).padStart(4, '0')}`;
  await db.query(
    `INSERT INTO cases (code, category, severity, source, status, reported_at, deadline, handled_level, grid_code, village_code, geom)
     VALUES ($1, 'neighbour', 'low', 'hotline', 'registered', '2026-06-30T08:00:00Z', '2026-07-07T08:00:00Z', 'village',
       $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
    [code, city.gridCode, city.villageCode, lon + 0.01, lat + 0.01],
  );
  await db.query(
    `INSERT INTO case_events (case_code, at, from_status, to_status, actor) VALUES ($1, '2026-06-30T08:00:00Z', NULL, 'registered', 'operator')`,
    [code],
  );
  return code;
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
