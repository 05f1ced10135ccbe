/**
 * Generates the tiny data set twice into temporary folders and checks it end to end:
 * byte-identical reruns, the focus township's size, well-formed codes, references between
 * layers, ring winding and closure, population sums and case histories.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminUnitFeature,
  CameraFeature,
  CaseFeature,
  GridFeature,
  Manifest,
  Position,
  RiskPointFeature,
  RoadFeature,
} from '../../domain/dataset-format.js';
import {
  adminLevelOfCode,
  cameraIdProblem,
  isCaseCode,
  isGridCode,
  isRiskPointId,
  parentAdminCode,
  villageCodeOfGrid,
} from '../../domain/codes.js';
import { CASE_STATUSES } from '../../domain/vocabulary.js';
import { generateDataset } from './generate.js';
import { positionRingSignedArea } from './polygons.js';

const AS_OF = '2026-06-30';
const dirs: string[] = [];
let manifest: Manifest;
let admin: AdminUnitFeature[];
let grids: GridFeature[];
let cameras: CameraFeature[];
let risks: RiskPointFeature[];
let cases: CaseFeature[];
let roads: RoadFeature[];

const readLayer = <T>(dir: string, file: string): T[] =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'demo-city-'));
    dirs.push(dir);
    await generateDataset({ scale: 'tiny', seed: 7, asOf: AS_OF, outDir: dir });
  }
  const dir = dirs[0]!;
  manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  admin = readLayer(dir, 'admin_units.ndjson');
  grids = readLayer(dir, 'grids.ndjson');
  cameras = readLayer(dir, 'cameras.ndjson');
  risks = readLayer(dir, 'risk_points.ndjson');
  cases = readLayer(dir, 'cases.ndjson');
  roads = readLayer(dir, 'roads.ndjson');
}, 120_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function expectClosedRing(ring: Position[], winding: 'ccw' | 'cw', what: string): void {
  expect(ring.length, what).toBeGreaterThanOrEqual(4);
  expect(ring[0], what).toEqual(ring[ring.length - 1]);
  const area = positionRingSignedArea(ring);
  if (winding === 'ccw') expect(area, what).toBeGreaterThan(0);
  else expect(area, what).toBeLessThan(0);
}

describe('the tiny demo data set', () => {
  it('comes out byte-identical when generated again with the same seed and date', () => {
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual([
      'admin_units.ndjson',
      'cameras.ndjson',
      'cases.ndjson',
      'grids.ndjson',
      'manifest.json',
      'risk_points.ndjson',
      'roads.ndjson',
    ]);
    for (const file of files) {
      expect(readFileSync(join(dirs[1]!, file)).equals(readFileSync(join(dirs[0]!, file))), file).toBe(true);
    }
  });

  it('keeps the whole upper tree and 60–100 grids in 牡丹街道, with counts as in the manifest', () => {
    const levels = admin.map((f) => f.properties.level);
    expect(levels.filter((l) => l === 'city')).toHaveLength(1);
    expect(levels.filter((l) => l === 'county')).toHaveLength(11);
    expect(levels.filter((l) => l === 'township')).toHaveLength(167);
    expect(levels.filter((l) => l === 'village')).toHaveLength(32);
    expect(grids.length).toBeGreaterThanOrEqual(60);
    expect(grids.length).toBeLessThanOrEqual(100);
    expect(grids.every((g) => g.properties.code.startsWith('371702005'))).toBe(true);
    expect(manifest.counts).toEqual({
      admin_units: admin.length,
      grids: grids.length,
      cameras: cameras.length,
      risk_points: risks.length,
      cases: cases.length,
    });
    expect(manifest.optional_counts?.roads).toBe(roads.length);
  });

  it('gives every feature a well-formed, unique code', () => {
    for (const { properties: u } of admin) {
      expect(adminLevelOfCode(u.code), u.code).toBe(u.level);
      expect(u.parent_code, u.code).toBe(u.level === 'city' ? null : parentAdminCode(u.code));
    }
    expect(grids.filter((g) => !isGridCode(g.properties.code))).toEqual([]);
    expect(cameras.filter((c) => cameraIdProblem(c.properties.id) !== null)).toEqual([]);
    expect(risks.filter((r) => !isRiskPointId(r.properties.id))).toEqual([]);
    expect(
      cases.filter((c) => !isCaseCode(c.properties.code) || !c.properties.code.startsWith(c.properties.village_code)),
    ).toEqual([]);
    const all = [admin, grids].flatMap((l) => l.map((f) => f.properties.code));
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(cameras.map((c) => c.properties.id)).size).toBe(cameras.length);
    expect(new Set(risks.map((r) => r.properties.id)).size).toBe(risks.length);
    expect(new Set(cases.map((c) => c.properties.code)).size).toBe(cases.length);
  });

  it('links every point to an existing grid and every grid to a village in the file', () => {
    const villages = new Set(admin.filter((f) => f.properties.level === 'village').map((f) => f.properties.code));
    for (const { properties: g } of grids) {
      expect(villages.has(g.village_code), g.code).toBe(true);
      expect(villageCodeOfGrid(g.code)).toBe(g.village_code);
    }
    const gridCodes = new Set(grids.map((g) => g.properties.code));
    const points = [...cameras, ...risks, ...cases].map((f) => f.properties.grid_code);
    expect(points.filter((code) => !gridCodes.has(code))).toEqual([]);
    expect(cases.every((c) => c.properties.grid_code.startsWith(c.properties.village_code))).toBe(true);
    const planted = [...manifest.planted!.hotspot_grids, ...manifest.planted!.emerging_hotspot_grids];
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((code) => !gridCodes.has(code))).toEqual([]);
  });

  it('closes every ring, with outer rings counter-clockwise and holes clockwise', () => {
    for (const { properties, geometry } of grids) {
      expect(geometry.type).toBe('Polygon');
      geometry.coordinates.forEach((ring, i) => expectClosedRing(ring, i === 0 ? 'ccw' : 'cw', properties.code));
    }
    for (const { properties, geometry } of admin) {
      expect(geometry.type).toBe('MultiPolygon');
      for (const polygon of geometry.coordinates) {
        polygon.forEach((ring, i) => expectClosedRing(ring, i === 0 ? 'ccw' : 'cw', properties.code));
      }
    }
    for (const road of roads) expect(road.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
  });

  it('adds up population and households from grids to villages to the township', () => {
    const byCode = new Map(admin.map((f) => [f.properties.code, f.properties]));
    const sums = new Map<string, { population: number; households: number }>();
    for (const { properties: g } of grids) {
      const s = sums.get(g.village_code) ?? { population: 0, households: 0 };
      s.population += g.population;
      s.households += g.households;
      sums.set(g.village_code, s);
    }
    for (const [code, s] of sums) expect(byCode.get(code), code).toMatchObject(s);
    const township = byCode.get('371702005000')!;
    expect(township.population).toBe([...sums.values()].reduce((t, s) => t + s.population, 0));
    expect(byCode.get('371700000000')!.population).toBe(10_030_000);
  });

  it('tells each case history in stage order up to its status, all before the end of the as-of day', () => {
    const end = Date.parse(`${AS_OF}T23:59:59+08:00`);
    for (const { properties: c } of cases) {
      expect(c.events[0]).toMatchObject({ from_status: null, to_status: 'registered', at: c.reported_at });
      c.events.forEach((e, i) => {
        expect(e.to_status).toBe(CASE_STATUSES[i]);
        if (i > 0) expect(e.from_status).toBe(CASE_STATUSES[i - 1]);
        expect(e.at).toMatch(/\+08:00$/);
        expect(Date.parse(e.at)).toBeLessThanOrEqual(end);
      });
      expect(c.status).toBe(c.events[c.events.length - 1]!.to_status);
      expect(c.closed_at !== null).toBe(c.status === 'resolved' || c.status === 'reviewed');
      expect(Date.parse(c.deadline)).toBeGreaterThan(Date.parse(c.reported_at));
    }
    const open = cases.filter((c) => c.properties.closed_at === null);
    expect(open.some((c) => Date.parse(c.properties.deadline) < end)).toBe(true);
  });
});
