/**
 * The generated tiny city, checked by PostGIS after loading: grids never overlap, each
 * village is covered by its grids, every parent by its children, every point lies in the
 * grid it names, and every code is well formed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../../test/databases.js';
import type { Database } from '../../db/database.js';
import {
  adminLevelOfCode,
  cameraIdProblem,
  isCaseCode,
  isGridCode,
  isRiskPointId,
  parentAdminCode,
} from '../../domain/codes.js';

eachDriver('the tiny demo city in PostGIS', (driver) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterAll(() => db.close());

  it('has no two current grids overlapping (shared edges only)', async () => {
    const { rows } = await db.query<{ a: string; b: string; m2: number }>(`
      SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS m2
      FROM grids a JOIN grids b ON a.code < b.code AND a.geom && b.geom
      WHERE a.valid_to IS NULL AND b.valid_to IS NULL AND ST_Intersects(a.geom, b.geom)`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.m2 > 0.01)).toEqual([]);
  });

  it('covers every village with its grids to within 0.01% of its area', async () => {
    const { rows } = await db.query<{ code: string; village_m2: number; diff_m2: number; grid_sum_m2: number }>(`
      SELECT v.code, ST_Area(v.geom::geography) AS village_m2,
             ST_Area(ST_SymDifference(v.geom, ST_Union(g.geom))::geography) AS diff_m2,
             sum(ST_Area(g.geom::geography)) AS grid_sum_m2
      FROM admin_units v JOIN grids g ON g.village_code = v.code AND g.valid_to IS NULL
      WHERE v.level = 'village' GROUP BY v.code, v.geom`);
    const { rows: villages } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM admin_units WHERE level = 'village'`,
    );
    expect(rows.length).toBe(villages[0]!.n);
    for (const r of rows) {
      expect(r.diff_m2 / r.village_m2, `village ${r.code}`).toBeLessThan(1e-4);
      expect(Math.abs(r.grid_sum_m2 - r.village_m2) / r.village_m2, `village ${r.code}`).toBeLessThan(1e-4);
    }
  });

  it('nests every admin unit with children exactly inside its parent', async () => {
    const { rows } = await db.query<{ code: string; parent_m2: number; diff_m2: number }>(`
      SELECT p.code, ST_Area(p.geom::geography) AS parent_m2,
             ST_Area(ST_SymDifference(p.geom, ST_Union(c.geom))::geography) AS diff_m2
      FROM admin_units p JOIN admin_units c ON c.parent_code = p.code
      GROUP BY p.code, p.geom`);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.diff_m2 / r.parent_m2, `unit ${r.code}`).toBeLessThan(1e-4);
  });

  it('places every camera, risk point and case inside the grid it names', async () => {
    for (const table of ['cameras', 'risk_points', 'cases']) {
      const { rows } = await db.query<{ total: number; outside: number }>(`
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE g.code IS NULL OR NOT ST_Covers(g.geom, t.geom))::int AS outside
        FROM ${table} t LEFT JOIN grids g ON g.code = t.grid_code AND g.valid_to IS NULL`);
      expect(rows[0]!.total, table).toBeGreaterThan(0);
      expect(rows[0]!.outside, table).toBe(0);
    }
  });

  it('gives every object a well-formed code', async () => {
    const units = (
      await db.query<{ code: string; level: string; parent_code: string | null }>(
        'SELECT code, level, parent_code FROM admin_units',
      )
    ).rows;
    for (const u of units) {
      expect(adminLevelOfCode(u.code)).toBe(u.level);
      if (u.level !== 'city') expect(u.parent_code).toBe(parentAdminCode(u.code));
    }
    const codes = async (sql: string) => (await db.query<{ c: string }>(sql)).rows.map((r) => r.c);
    expect((await codes('SELECT code AS c FROM grids')).filter((c) => !isGridCode(c))).toEqual([]);
    expect((await codes('SELECT id AS c FROM cameras')).filter((c) => cameraIdProblem(c) !== null)).toEqual([]);
    expect((await codes('SELECT id AS c FROM risk_points')).filter((c) => !isRiskPointId(c))).toEqual([]);
    expect((await codes('SELECT code AS c FROM cases')).filter((c) => !isCaseCode(c))).toEqual([]);
  });

  it('uses the real names and codes of the chosen township', async () => {
    const { rows } = await db.query<{ name: string; villages: number; grids: number }>(`
      SELECT t.name,
        (SELECT count(*)::int FROM admin_units v WHERE v.parent_code = t.code) AS villages,
        (SELECT count(*)::int FROM grids g WHERE left(g.code, 9) = left(t.code, 9) AND g.valid_to IS NULL) AS grids
      FROM admin_units t WHERE t.code = '371702005000'`);
    expect(rows[0]).toMatchObject({ name: '牡丹街道', villages: 32 });
    expect(rows[0]!.grids).toBeGreaterThanOrEqual(60);
    expect(rows[0]!.grids).toBeLessThanOrEqual(100);
  });
});
