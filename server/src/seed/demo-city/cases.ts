/**
 * Cases (矛盾纠纷 and incidents): where people live, with planted hotspots (grids with
 * several times the rate all along) and emerging hotspots (grids whose rate climbs over
 * the last eight weeks), a seasonal and weekly rhythm, and a lifecycle up to "now".
 */
import type { CaseFeature } from '../../domain/dataset-format.js';
import { caseDeadline } from '../../domain/case-deadlines.js';
import { caseCode } from '../../domain/codes.js';
import {
  CASE_CATEGORIES,
  CASE_SEVERITIES,
  CASE_SOURCES,
  type CaseCategory,
  type CaseSource,
} from '../../domain/vocabulary.js';
import { caseDayIntensity, dayOfInstant, festivalCloseness, instantAt, shanghaiIso, ymdOfDay } from './calendar.js';
import { simulateCaseTimeline } from './case-lifecycle.js';
import { xyToPosition } from './planar.js';
import { WeightedSampler, type Rng } from './prng.js';
import { randomPointInAtom, type PlacedPoint } from './point-placement.js';
import { unitsOfGrid, type World } from './world.js';

export interface CaseOptions {
  /** Cases drawn from the normal rate (the planted extras come on top). */
  baseCount: number;
  /** Length of the period, ending on the as-of day. */
  days: number;
  asOfDay: number;
  /** The moment the data is as of (generate.ts): no case is reported after it. */
  nowMs: number;
  hotspotCount: number;
  /** How many times the normal rate a planted hotspot has. */
  hotspotRateFactor: number;
  emergingCount: number;
  /** Extra cases per emerging grid, crowded into the last weeks. */
  emergingExtraCases: number;
}

export interface GeneratedCases {
  features: CaseFeature[];
  hotspotGrids: string[];
  emergingGrids: string[];
  /** Cases per atom, where recurring-dispute risk points belong. */
  casesPerAtom: Float64Array;
}

const EMERGING_WINDOW_DAYS = 56;
const URBAN_DENSITY_PER_KM2 = 2000;

// Shares per category (CASE_CATEGORIES order): neighbour and family lead everywhere;
// land disputes are rural, property and consumer disputes urban.
const URBAN_MIX = [20, 15, 3, 14, 9, 4, 5, 10, 8, 5, 7];
const RURAL_MIX = [26, 20, 16, 3, 7, 3, 3, 3, 7, 6, 6];
const SEVERITY_MIX = [0.5, 0.32, 0.14, 0.04];
const HEAVY_SEVERITY_MIX = [0.4, 0.35, 0.19, 0.06];
const HEAVY_CATEGORIES: ReadonlySet<CaseCategory> = new Set(['land', 'demolition', 'labour']);
const SOURCE_MIX = [0.3, 0.25, 0.35, 0.1];
const VIDEO_SOURCE_MIX = [0.25, 0.15, 0.35, 0.25];

/** Seconds into the day a report comes in, by channel (walk-ins in office hours). */
function secondsOfDay(source: CaseSource, rng: Rng): number {
  switch (source) {
    case 'hotline':
      return rng.range(7 * 3600, 22 * 3600);
    case 'walk_in':
      return rng.range(8.5 * 3600, 17.5 * 3600);
    case 'patrol':
      return rng.range(8 * 3600, 19 * 3600);
    case 'video':
      return rng.range(0, 86_399);
  }
}

/** Picks `count` grids of at least median population, at most one per village and not in `avoid`. */
function pickPlantedGrids(world: World, count: number, avoidVillages: Set<number>, rng: Rng): number[] {
  const pops = world.grids.map((g) => g.population).sort((a, b) => a - b);
  const median = pops[Math.floor(pops.length / 2)] ?? 0;
  const candidates = rng.shuffled(world.grids.map((_, i) => i).filter((i) => world.grids[i]!.population >= median));
  const chosen: number[] = [];
  for (const i of candidates) {
    if (chosen.length >= count) break;
    const village = world.grids[i]!.villageIndex;
    if (avoidVillages.has(village)) continue;
    avoidVillages.add(village);
    chosen.push(i);
  }
  return chosen;
}

interface DraftCase {
  reportedMs: number;
  point: PlacedPoint;
  category: CaseCategory;
  source: CaseSource;
}

export function generateCases(world: World, options: CaseOptions, rng: Rng): GeneratedCases {
  const { model, atomGrid } = world;
  const usedVillages = new Set<number>();
  const hotspots = pickPlantedGrids(world, options.hotspotCount, usedVillages, rng);
  const emerging = pickPlantedGrids(world, options.emergingCount, usedVillages, rng);
  const hotspotSet = new Set(hotspots);

  const atoms = Array.from(atomGrid.keys()).filter((a) => atomGrid[a]! >= 0);
  const atomSampler = new WeightedSampler(
    atoms.map((a) => model.atomPopulation[a]! * (hotspotSet.has(atomGrid[a]!) ? options.hotspotRateFactor : 1)),
  );
  const firstDay = options.asOfDay - options.days + 1;
  const daySampler = new WeightedSampler(
    Array.from({ length: options.days }, (_, i) => caseDayIntensity(firstDay + i)),
  );

  const draft = (day: number, atom: number): DraftCase => {
    const point = randomPointInAtom(model.mesh, atom, rng);
    const urban = model.atomDensityPerKm2[atom]! >= URBAN_DENSITY_PER_KM2;
    const festival = festivalCloseness(day);
    const mix = (urban ? URBAN_MIX : RURAL_MIX).map((w, i) =>
      CASE_CATEGORIES[i] === 'labour'
        ? w * (1 + 1.5 * festival)
        : CASE_CATEGORIES[i] === 'family'
          ? w * (1 + 0.5 * festival)
          : w,
    );
    const category = CASE_CATEGORIES[rng.weightedIndex(mix)]!;
    const videoProne = category === 'traffic' || category === 'public_order';
    const source = CASE_SOURCES[rng.weightedIndex(videoProne ? VIDEO_SOURCE_MIX : SOURCE_MIX)]!;
    const reportedMs = instantAt(day, secondsOfDay(source, rng));
    return { reportedMs, point, category, source };
  };

  const drafts: DraftCase[] = [];
  for (let i = 0; i < options.baseCount; i++) {
    const day = firstDay + daySampler.draw(rng);
    drafts.push(draft(day, atoms[atomSampler.draw(rng)]!));
  }
  for (const gridIndex of emerging) {
    const gridAtoms = Array.from(world.grids[gridIndex]!.atoms);
    const weights = gridAtoms.map((a) => model.atomPopulation[a]!);
    for (let i = 0; i < options.emergingExtraCases; i++) {
      // Density ∝ t² over the window: few at first, many in the last weeks.
      const t = EMERGING_WINDOW_DAYS * Math.cbrt(rng.next());
      const day = Math.min(options.asOfDay, options.asOfDay - EMERGING_WINDOW_DAYS + 1 + Math.floor(t));
      drafts.push(draft(day, gridAtoms[rng.weightedIndex(weights)]!));
    }
  }
  drafts.sort((a, b) => a.reportedMs - b.reportedMs || a.point.x - b.point.x || a.point.y - b.point.y);
  // The as-of day's cases after "now" have not been reported yet. They are the sorted tail, so
  // dropping them leaves every earlier case (and its random draws) as it was.
  const reported = drafts.filter((c) => c.reportedMs <= options.nowMs);

  const serials = new Map<string, number>();
  const casesPerAtom = new Float64Array(model.mesh.keptCount);
  const features: CaseFeature[] = reported.map((c) => {
    const units = unitsOfGrid(world, atomGrid[c.point.atom]!);
    casesPerAtom[c.point.atom]!++;
    const day = ymdOfDay(dayOfInstant(c.reportedMs));
    const serialKey = `${units.villageCode}${day}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const severity =
      CASE_SEVERITIES[rng.weightedIndex(HEAVY_CATEGORIES.has(c.category) ? HEAVY_SEVERITY_MIX : SEVERITY_MIX)]!;
    const timeline = simulateCaseTimeline({
      reportedMs: c.reportedMs,
      category: c.category,
      severity,
      source: c.source,
      nowMs: options.nowMs,
      units: {
        gridCode: units.grid.code,
        villageCode: units.villageCode,
        townshipCode: units.townshipCode,
        countyCode: units.countyCode,
        cityCode: world.city.code,
      },
      rng,
    });
    return {
      type: 'Feature',
      properties: {
        code: caseCode(units.villageCode, day, serial),
        category: c.category,
        severity,
        source: c.source,
        status: timeline.status,
        reported_at: shanghaiIso(c.reportedMs),
        deadline: shanghaiIso(caseDeadline(c.category, severity, new Date(c.reportedMs)).getTime()),
        closed_at: timeline.closedAtMs === null ? null : shanghaiIso(timeline.closedAtMs),
        handled_level: timeline.handledLevel,
        grid_code: units.grid.code,
        village_code: units.villageCode,
        events: timeline.events,
      },
      geometry: { type: 'Point', coordinates: xyToPosition(c.point.x, c.point.y) },
    };
  });
  return {
    features,
    hotspotGrids: hotspots.map((i) => world.grids[i]!.code).sort(),
    emergingGrids: emerging.map((i) => world.grids[i]!.code).sort(),
    casesPerAtom,
  };
}
