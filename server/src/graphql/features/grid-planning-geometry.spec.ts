import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import type { Queryable } from '../../db/database.js';
import { findCurrentVillageGrids, findPlanningVillage } from '../../db/queries/grid-change-history.js';
import { mergePolygons, splitPolygon } from '../../db/queries/grid-changes.js';
import { DEFAULT_PLANNING_SETTINGS } from '../../domain/grid-planning/rules.js';
import { AppError } from '../../errors.js';
import { commitGridChangeIn } from '../../planning/commit.js';

const VILLAGE = '371702005001';
const BASE = `query ($v: ID!) { gridPlanningBase(villageCode: $v) { grids { grid { code } geometry } } }`;
const PROPOSE = `query ($input: GridChangeInput!) { proposeGridChange(input: $input) {
  valid issues { code severity message gridIndex location } } }`;
const SPLIT = 'query ($p: GeoJSON!, $l: GeoJSON!) { splitGridGeometry(polygon: $p, line: $l) }';
const COMMIT = `mutation ($input: GridChangeInput!) {
  commitGridChange(input: $input, expectedVersions: [], reason: "x", confirmWarnings: true) { id } }`;

type Ring = number[][];
const bbox = (ring: Ring) => {
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
};

eachDriver('grid planning geometry', (driver) => {
  let api: TestApi;
  let token: string;
  let grids: { grid: { code: string }; geometry: { coordinates: Ring[] } }[];

  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-planner');
    grids = (await api.gql(BASE, { v: VILLAGE }, token)).data.gridPlanningBase.grids;
  });
  afterAll(() => api.stop());

  /** The village's grids with the first one's outer ring replaced. */
  const withFirst = (ring: Ring, holes: Ring[] = []) => ({
    villageCode: VILLAGE,
    grids: grids.map((g, i) => ({
      code: g.grid.code,
      geometry: i === 0 ? { type: 'Polygon', coordinates: [ring, ...holes] } : g.geometry,
    })),
  });
  const snapshot = async () =>
    (await api.db.query<{ s: string }>("SELECT string_agg(code || ':' || version, ',' ORDER BY code) AS s FROM grids"))
      .rows[0]!.s;

  it('answers hostile geometry with clean errors that say where, and leaves the database alive and unchanged', async () => {
    const ring = grids[0]!.geometry.coordinates[0]!;
    const [x0, y0, x1, y1] = bbox(ring);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const before = await snapshot();
    const cases: [string, Ring, string, Ring[]?][] = [
      [
        'self-intersection',
        [
          [x0, y0],
          [x1, y1],
          [x1, y0],
          [x0, y1],
          [x0, y0],
        ],
        'INVALID_GEOMETRY',
      ],
      ['spike', [...ring.slice(0, 1), [cx + 0.5, cy], ...ring.slice(0, 1), ...ring.slice(1)], 'INVALID_GEOMETRY'],
      ['points outside the village', ring.map((p) => [p[0]! + 0.05, p[1]!]), 'OUTSIDE_VILLAGE'],
      [
        'a sliver grid',
        [
          [cx, cy],
          [cx + 0.001, cy],
          [cx + 0.001, cy + 0.0000001],
          [cx, cy],
        ],
        'TOO_SMALL',
      ],
      [
        'a hole nobody fills',
        ring,
        'GAP',
        [
          [
            [cx - 0.0005, cy - 0.0005],
            [cx - 0.0005, cy + 0.0005],
            [cx + 0.0005, cy + 0.0005],
            [cx + 0.0005, cy - 0.0005],
            [cx - 0.0005, cy - 0.0005],
          ],
        ],
      ],
    ];
    for (const [what, r, code, holes] of cases) {
      const res = await api.gql(PROPOSE, { input: withFirst(r, holes) }, token);
      expect(res.errors, what).toBeUndefined();
      const found = res.data.proposeGridChange.issues.find((i: any) => i.code === code);
      expect(found, `${what}: ${JSON.stringify(res.data.proposeGridChange.issues)}`).toBeDefined();
      expect(res.data.proposeGridChange.valid).toBe(false);
      if (code !== 'TOO_SMALL') expect(found.location, what).toHaveLength(2);
      const commit = await api.gql(COMMIT, { input: withFirst(r, holes) }, token);
      expect(commit.errors?.[0]?.extensions?.code, what).toMatch(/BAD_USER_INPUT|CONFLICT/);
    }
    expect(await snapshot()).toBe(before);
    expect((await api.db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('accepts duplicate vertices and wrong winding, normalising them', async () => {
    const ring = grids[0]!.geometry.coordinates[0]!;
    const messy = [...ring].reverse();
    messy.splice(1, 0, messy[1]!);
    const res = await api.gql(PROPOSE, { input: withFirst(messy) }, token);
    expect(res.data.proposeGridChange.issues.filter((i: any) => i.severity === 'error')).toEqual([]);
  });

  it('rejects a split line that does not cross the grid', async () => {
    const [x0, y0, x1] = bbox(grids[0]!.geometry.coordinates[0]!);
    const line = {
      type: 'LineString',
      coordinates: [
        [x0 - 0.1, y0 - 0.1],
        [x1 - 0.1, y0 - 0.1],
      ],
    };
    const res = await api.gql(SPLIT, { p: grids[0]!.geometry, l: line }, token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'line' });
    expect(res.errors?.[0]?.message).toMatch(/does not touch the grid/);
  });

  it('keeps the village covered exactly through random splits, merges and boundary moves', async () => {
    const settings = { ...DEFAULT_PLANNING_SETTINGS, minAreaSquareMeters: 0, compactnessWarnBelow: 0 };
    const op = fc.record({
      kind: fc.constantFrom('split', 'merge', 'move'),
      pick: fc.nat(),
      angle: fc.double({ min: 0, max: Math.PI, noNaN: true }),
      size: fc.double({ min: 0.0005, max: 0.003, noNaN: true }),
    });
    class Rollback extends Error {}
    const coverage = async (tx: Queryable) =>
      (
        await tx.query<{ gap: number; sum: number; village: number }>(
          `SELECT ST_Area(ST_SymDifference(a.geom, (SELECT ST_Union(geom) FROM grids WHERE village_code = $1 AND valid_to IS NULL))::geography) AS gap,
             (SELECT sum(ST_Area(geom::geography)) FROM grids WHERE village_code = $1 AND valid_to IS NULL) AS sum,
             ST_Area(a.geom::geography) AS village
           FROM admin_units a WHERE a.code = $1`,
          [VILLAGE],
        )
      ).rows[0]!;
    const apply = async (tx: Queryable, o: { kind: string; pick: number; angle: number; size: number }) => {
      const village = (await findPlanningVillage(tx, VILLAGE))!;
      const current = await findCurrentVillageGrids(tx, VILLAGE);
      const shapes = (
        await tx.query<{ code: string; g: string; cx: number; cy: number }>(
          `SELECT code, ST_AsGeoJSON(geom, 15) AS g, ST_X(ST_PointOnSurface(geom)) AS cx, ST_Y(ST_PointOnSurface(geom)) AS cy
           FROM grids WHERE village_code = $1 AND valid_to IS NULL ORDER BY code`,
          [VILLAGE],
        )
      ).rows;
      const target = shapes[o.pick % shapes.length]!;
      const proposal = shapes.map((s) => ({ code: s.code as string | null, geometry: JSON.parse(s.g) }));
      const at = proposal.findIndex((p) => p.code === target.code);
      if (o.kind === 'split') {
        const dx = Math.cos(o.angle) * 0.2;
        const dy = Math.sin(o.angle) * 0.2;
        const line = {
          type: 'LineString',
          coordinates: [
            [target.cx - dx, target.cy - dy],
            [target.cx + dx, target.cy + dy],
          ],
        };
        const pieces = await splitPolygon(tx, proposal[at]!.geometry, line);
        proposal[at]!.geometry = JSON.parse(pieces[0]!);
        for (const p of pieces.slice(1)) proposal.push({ code: null, geometry: JSON.parse(p) });
      } else {
        const neighbour = (
          await tx.query<{ code: string; g: string }>(
            `SELECT b.code, ST_AsGeoJSON(b.geom, 15) AS g FROM grids a JOIN grids b
               ON b.village_code = a.village_code AND b.valid_to IS NULL AND b.code <> a.code
              AND ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))) > 0
             WHERE a.code = $1 AND a.valid_to IS NULL ORDER BY b.code LIMIT 1`,
            [target.code],
          )
        ).rows[0];
        if (!neighbour) return;
        const nAt = proposal.findIndex((p) => p.code === neighbour.code);
        if (o.kind === 'merge') {
          const merged = await mergePolygons(tx, [proposal[at]!.geometry, proposal[nAt]!.geometry]);
          if (!merged) return;
          proposal[at]!.geometry = JSON.parse(merged);
          proposal.splice(nAt, 1);
        } else {
          // The neighbour gives the target a square of its area around a point of their shared edge.
          const moved = (
            await tx.query<{ a: string; b: string }>(
              `WITH e AS (SELECT ST_PointOnSurface(ST_Intersection(ST_Boundary(a), ST_Boundary(b))) AS p, a, b FROM
                 (SELECT ST_GeomFromGeoJSON($1) AS a, ST_GeomFromGeoJSON($2) AS b) s),
               sq AS (SELECT ST_Expand(p, $3) AS box, a, b FROM e)
               SELECT ST_AsGeoJSON(ST_Union(a, ST_Intersection(b, box)), 15) AS a, ST_AsGeoJSON(ST_Difference(b, box), 15) AS b FROM sq`,
              [JSON.stringify(proposal[at]!.geometry), JSON.stringify(proposal[nAt]!.geometry), o.size],
            )
          ).rows[0]!;
          proposal[at]!.geometry = JSON.parse(moved.a);
          proposal[nAt]!.geometry = JSON.parse(moved.b);
        }
      }
      try {
        await commitGridChangeIn(tx, {
          villageCode: village.code,
          grids: proposal,
          expectedVersions: current.map((g) => ({ code: g.code, version: g.version })),
          effectiveFrom: new Date(TEST_NOW.getTime() - 3_600_000 + ++step * 1000),
          reason: 'property',
          confirmWarnings: true,
          author: 'demo-planner',
          now: TEST_NOW,
          settings,
        });
      } catch (error) {
        // A refused edit (a move that leaves a grid in two parts, say) must leave the map as it was.
        if (!(error instanceof AppError && error.kind === 'bad_input')) throw error;
      }
    };
    let committed = 0;
    let step = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 3 }), async (ops) => {
        await api.db
          .transaction(async (tx) => {
            for (const o of ops) {
              await apply(tx, o);
              const c = await coverage(tx);
              expect(c.gap).toBeLessThanOrEqual(0.5);
              expect(Math.abs(c.sum - c.village)).toBeLessThanOrEqual(0.5);
            }
            committed += (await tx.query('SELECT 1 FROM grid_changes')).rows.length;
            throw new Rollback();
          })
          .catch((e) => {
            if (!(e instanceof Rollback)) throw e;
          });
      }),
      { numRuns: 6, seed: 6 },
    );
    expect(committed).toBeGreaterThan(0);
  });
});
