import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../../test/databases.js';
import type { Database } from '../database.js';
import { readForecastInputs } from './forecast-inputs.js';
import { ensureGridNeighbours, findGridNeighbours } from './hotspots.js';

const TOWNSHIP = '371702005';
const FROM = new Date('2025-01-01T00:00:00+08:00');
const BEFORE = new Date('2026-06-01T00:00:00+08:00');

eachDriver('the forecast inputs query', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterAll(() => db.close());

  it('counts cases per grid, local day and category in the window, and nothing else', async () => {
    const inputs = await readForecastInputs(db, TOWNSHIP, FROM, BEFORE);
    const { rows } = await db.query<{ grid_code: string; reported_at: Date; category: string }>(
      `SELECT grid_code, reported_at, category FROM cases WHERE grid_code LIKE $1 AND reported_at >= $2 AND reported_at < $3`,
      [`${TOWNSHIP}%`, FROM, BEFORE],
    );
    expect(rows.length).toBeGreaterThan(1000);
    // The local day by hand: UTC+8 all year.
    const direct = new Map<string, number>();
    for (const r of rows) {
      const day = Math.floor((r.reported_at.getTime() + 8 * 3_600_000) / 86_400_000);
      const key = `${r.grid_code}|${day}|${r.category}`;
      direct.set(key, (direct.get(key) ?? 0) + 1);
    }
    const read = new Map(inputs.counts.map((c) => [`${c.gridCode}|${c.day}|${c.category}`, c.count]));
    expect(read).toEqual(direct);
    const lastDay = Math.floor((BEFORE.getTime() + 8 * 3_600_000) / 86_400_000);
    expect(Math.max(...inputs.counts.map((c) => c.day))).toBe(lastDay - 1);
  });

  it('lists the current grids with their areas and the neighbours Gi* uses', async () => {
    const before = await readForecastInputs(db, TOWNSHIP, FROM, BEFORE);
    const { rows } = await db.query<{ code: string; area: number }>(
      `SELECT code, ST_Area(geom::geography) AS area FROM grids WHERE valid_to IS NULL AND code LIKE $1 ORDER BY code`,
      [`${TOWNSHIP}%`],
    );
    expect(before.grids.map((g) => g.code)).toEqual(rows.map((r) => r.code));
    before.grids.forEach((g, i) => expect(g.areaSquareMeters).toBeCloseTo(Number(rows[i]!.area), 3));
    // Before grid_neighbours is built the pairs are found on the fly; after, read from it: the same.
    await ensureGridNeighbours(db);
    const after = await readForecastInputs(db, TOWNSHIP, FROM, BEFORE);
    const sorted = (pairs: [string, string][]) => pairs.map((p) => p.join('>')).sort();
    expect(sorted(after.neighbours)).toEqual(sorted(await findGridNeighbours(db, TOWNSHIP)));
    expect(sorted(before.neighbours)).toEqual(sorted(after.neighbours));
    expect(after.neighbours.length).toBeGreaterThan(before.grids.length);
  });

  it('rejects a window that ends before it begins, by name', async () => {
    await expect(readForecastInputs(db, TOWNSHIP, BEFORE, FROM)).rejects.toThrow(/"from" .* must be before "before"/);
  });
});
