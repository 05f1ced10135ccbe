import * as turf from '@turf/turf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { lastClosedPeriod, samePeriodLastYear } from '../../domain/index/periods.js';
import { emptyCounts, scoreCounts, type RawCounts } from '../../domain/index/score.js';
import { CURRENT_WEIGHTS } from '../../domain/index/weights.js';
import { computePeriod } from '../../stability/publish.js';

const VILLAGE = '371702005001';
const BASE = `query ($v: ID!) { gridPlanningBase(villageCode: $v) { grids { grid { code } geometry } } }`;
const SPLIT = 'query ($p: GeoJSON!, $l: GeoJSON!) { splitGridGeometry(polygon: $p, line: $l) }';
const PROPOSE = `query ($input: GridChangeInput!) { proposeGridChange(input: $input) {
  valid grids { code isNew population } impact { newCodes index { gridCode status before after } indexNote } } }`;
const PUBLISH = 'mutation { publishIndex(period: month) { periodStart revision weightsVersion } }';

/** The month the planner compares: the last one closed at the pinned now (May 2026). */
const MONTH = lastClosedPeriod('month', TEST_NOW);
const YEAR_BEFORE = samePeriodLastYear(MONTH);
const inWindow = (at: Date | null, w: { startAt: Date; endAt: Date }) => at !== null && at >= w.startAt && at < w.endAt;

interface CaseRow {
  code: string;
  lon: number;
  lat: number;
  severity: string;
  reported_at: Date;
  deadline: Date;
  closed_at: Date | null;
  handled_level: string;
}
type PointRow = { lon: number; lat: number; status: string | null; level: number | null };

eachDriver('grid planning: the index before and after', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(driver);
    for (const a of ['demo-planner', 'demo-admin']) tokens[a] = await api.login(a);
  });
  afterAll(() => api.stop());

  const planner = (q: string, v: Record<string, unknown>) => api.gql(q, v, tokens['demo-planner']);
  const rows = async <T>(sql: string, params: unknown[] = []) => (await api.db.query<T>(sql, params)).rows;

  /** The village's grid with the most cases in the month, cut in two north–south through its middle. */
  const splitBusiest = async () => {
    const base = (await planner(BASE, { v: VILLAGE })).data.gridPlanningBase;
    const [busiest] = await rows<{ grid_code: string }>(
      `SELECT grid_code FROM cases WHERE village_code = $1 AND reported_at >= $2 AND reported_at < $3
       GROUP BY grid_code ORDER BY count(*) DESC, grid_code LIMIT 1`,
      [VILLAGE, MONTH.startAt, MONTH.endAt],
    );
    const target = base.grids.find((g: any) => g.grid.code === busiest!.grid_code);
    const xs = target.geometry.coordinates[0].map((p: number[]) => p[0]);
    const ys = target.geometry.coordinates[0].map((p: number[]) => p[1]);
    const x = (Math.min(...xs) + Math.max(...xs)) / 2;
    const line = {
      type: 'LineString',
      coordinates: [
        [x, Math.min(...ys) - 0.01],
        [x, Math.max(...ys) + 0.01],
      ],
    };
    const [kept, ...rest] = (await planner(SPLIT, { p: target.geometry, l: line })).data.splitGridGeometry;
    const grids = base.grids.map((g: any) => ({
      code: g.grid.code,
      geometry: g.grid.code === target.grid.code ? kept : g.geometry,
    }));
    for (const piece of rest) grids.push({ code: null, geometry: piece });
    return { input: { villageCode: VILLAGE, grids }, splitCode: target.grid.code as string, pieces: [kept, ...rest] };
  };

  const propose = async (input: unknown) => {
    const res = await planner(PROPOSE, { input });
    expect(res.errors).toBeUndefined();
    return res.data.proposeGridChange;
  };

  /** Counts inside a polygon, gathered here with turf from plain rows: not with the code under test. */
  const countInside = async (polygon: any, population: number): Promise<RawCounts> => {
    const cases = await rows<CaseRow>(
      `SELECT code, ST_X(geom) AS lon, ST_Y(geom) AS lat, severity, reported_at, deadline, closed_at, handled_level
       FROM cases WHERE village_code = $1`,
      [VILLAGE],
    );
    const monthCases = await rows<{ code: string; lon: number; lat: number }>(
      'SELECT code, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cases WHERE reported_at >= $1 AND reported_at < $2',
      [MONTH.startAt, MONTH.endAt],
    );
    const points = async (table: string, extra: string) =>
      rows<PointRow>(
        `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, ${extra} FROM ${table} WHERE left(grid_code, 12) = $1`,
        [VILLAGE],
      );
    const cameras = await points('cameras', 'status, NULL::int AS level');
    const risks = await points('risk_points', 'NULL::text AS status, level');
    const online = await rows<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM cameras WHERE status = 'online'`,
    );
    const inside = (p: { lon: number; lat: number }) => turf.booleanPointInPolygon([p.lon, p.lat], polygon);
    const meters = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
      turf.distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' });
    const severity: Record<string, number> = { low: 1, medium: 2, high: 4, critical: 8 };
    const c = { ...emptyCounts(), population };
    for (const k of cases.filter(inside)) {
      if (inWindow(k.reported_at, MONTH)) {
        c.cases++;
        c.severityPoints += severity[k.severity]!;
        if (monthCases.some((o) => o.code !== k.code && meters(k, o) <= 50)) c.repeatCases++;
      }
      if (inWindow(k.deadline, MONTH)) {
        c.due++;
        if (k.closed_at === null || k.closed_at > k.deadline) c.dueMissed++;
      }
      if (inWindow(k.closed_at, MONTH)) {
        c.closed++;
        if (k.closed_at! <= k.deadline) c.closedOnTime++;
        if (k.handled_level === 'village') c.closedInVillage++;
        if (k.handled_level === 'village' || k.handled_level === 'township') c.closedInTownship++;
      }
      if (inWindow(k.reported_at, YEAR_BEFORE)) c.casesYearBefore++;
    }
    for (const k of cameras.filter(inside)) {
      c.cameras++;
      if (k.status === 'online') c.camerasOnline++;
    }
    for (const r of risks.filter(inside)) {
      c.riskPoints++;
      c[`riskPoints${r.level}` as 'riskPoints1']++;
      if (online.some((k) => meters(r, k) <= 100)) c.riskPointsWatched++;
    }
    return c;
  };

  it('scores each half of a split from the cases, cameras and risk points inside it', async () => {
    const { input, splitCode, pieces } = await splitBusiest();
    const p = await propose(input);
    expect(p.valid).toBe(true);
    const newCode = p.impact.newCodes[0];
    const entries = new Map(p.impact.index.map((e: any) => [e.gridCode, e]));
    expect([...entries.keys()].sort()).toEqual([splitCode, newCode].sort());
    expect(entries.get(newCode)).toMatchObject({ status: 'new', before: null });
    expect(entries.get(splitCode)).toMatchObject({ status: 'reshaped' });

    const counted = await Promise.all(
      [splitCode, newCode].map((code, k) => {
        const population = p.grids.find((g: any) => g.code === code).population;
        return countInside(pieces[k], population);
      }),
    );
    // The split grid's cases of the month are shared out between the two halves, each getting some.
    const [split] = await rows<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases WHERE grid_code = $1 AND reported_at >= $2 AND reported_at < $3',
      [splitCode, MONTH.startAt, MONTH.endAt],
    );
    expect(counted[0]!.cases).toBeGreaterThan(0);
    expect(counted[1]!.cases).toBeGreaterThan(0);
    expect(counted[0]!.cases + counted[1]!.cases).toBe(split!.n);
    [splitCode, newCode].forEach((code, k) => {
      const expected = scoreCounts(counted[k]!, MONTH.days, CURRENT_WEIGHTS)!.score;
      expect((entries.get(code) as any).after).toBeCloseTo(expected, 9);
    });

    // Nothing is published yet: before is the grid's score computed from the current data.
    const computed = (await computePeriod(api.db, MONTH)).find((u) => u.unitCode === splitCode)!;
    expect((entries.get(splitCode) as any).before).toBeCloseTo(computed.score, 9);
    expect(p.impact.indexNote).toMatch(/month 2026-05-01 to 2026-05-31/);
    expect(p.impact.indexNote).toMatch(/computed from the current data/);
    expect(p.impact.indexNote).toMatch(new RegExp(`weights ${CURRENT_WEIGHTS.version}`));
  });

  it('leaves unchanged grids out, and lists nothing when nothing changes', async () => {
    const base = (await planner(BASE, { v: VILLAGE })).data.gridPlanningBase;
    const grids = base.grids.map((g: any) => ({ code: g.grid.code, geometry: g.geometry }));
    const p = await propose({ villageCode: VILLAGE, grids });
    expect(p.impact.index).toEqual([]);
    expect(p.impact.indexNote).toMatch(/2026-05-01/);
  });

  it('takes before from the published index once the month is published', async () => {
    const published = await api.gql(PUBLISH, {}, tokens['demo-admin']);
    expect(published.errors).toBeUndefined();
    expect(published.data.publishIndex).toMatchObject({ periodStart: MONTH.start, revision: 1 });
    const { input, splitCode } = await splitBusiest();
    const p = await propose(input);
    const [snapshot] = await rows<{ score: number }>(
      `SELECT score FROM index_snapshots WHERE unit_code = $1 AND period_kind = 'month' AND period_start = $2::date`,
      [splitCode, MONTH.start],
    );
    const entry = p.impact.index.find((e: any) => e.gridCode === splitCode);
    expect(entry.before).toBe(snapshot!.score);
    expect(p.impact.indexNote).toMatch(
      new RegExp(`published index \\(revision 1, weights ${CURRENT_WEIGHTS.version.replace('.', '\\.')}`),
    );
  });
});
