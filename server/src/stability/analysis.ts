/** Hotspot analyses over the database: counts and neighbours from SQL, statistics from the domain. */
import type { Database } from '../db/database.js';
import {
  countCasesPerGrid,
  countCasesPerGridWeek,
  ensureGridNeighbours,
  findGridNeighbours,
} from '../db/queries/hotspots.js';
import { INDEX_TIME_ZONE } from '../domain/index/periods.js';
import { classifyEmerging, type EmergingCategory } from '../domain/hotspots/emerging.js';
import { confidenceBin, confidenceBinsFdr, giStar, type GiStar } from '../domain/hotspots/getis-ord.js';

export interface HotspotCell {
  gridCode: string;
  count: number;
  zScore: number | null;
  pValue: number | null;
  bin: number;
}

async function neighbourIndex(db: Database, prefix: string, codes: readonly string[]): Promise<number[][]> {
  await ensureGridNeighbours(db);
  const index = new Map(codes.map((c, i) => [c, i]));
  const lists: number[][] = codes.map(() => []);
  for (const [a, b] of await findGridNeighbours(db, prefix)) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined) lists[i]!.push(j);
  }
  return lists;
}

/** Gi* of case counts per current grid inside the prefix for [from, to). */
export async function analyseHotspots(
  db: Database,
  prefix: string,
  from: Date,
  to: Date,
  category: string | null,
  fdr: boolean,
): Promise<HotspotCell[]> {
  const rows = await countCasesPerGrid(db, prefix, from, to, category);
  const codes = rows.map((r) => r.grid_code);
  const results = giStar(
    rows.map((r) => r.count),
    await neighbourIndex(db, prefix, codes),
  );
  const bins = fdr ? confidenceBinsFdr(results) : results.map(confidenceBin);
  return rows.map((r, i) => ({
    gridCode: r.grid_code,
    count: r.count,
    zScore: results[i]!.z,
    pValue: results[i]!.p,
    bin: bins[i]!,
  }));
}

export interface EmergingHotspot {
  gridCode: string;
  category: EmergingCategory;
  trendZ: number;
  trendPValue: number;
  weeks: number;
  hotWeeks: number;
  weeklyZ: (number | null)[];
}

/** Gi* per ISO week and the emerging hot spot category of each grid with a pattern. */
export async function analyseEmerging(
  db: Database,
  prefix: string,
  from: Date,
  to: Date,
  weeks: number,
): Promise<EmergingHotspot[]> {
  const grids = await countCasesPerGrid(db, prefix, from, from, null);
  const codes = grids.map((g) => g.grid_code);
  const index = new Map(codes.map((c, i) => [c, i]));
  const cube = Array.from({ length: weeks }, () => new Float64Array(codes.length));
  for (const r of await countCasesPerGridWeek(db, prefix, from, to, INDEX_TIME_ZONE)) {
    const i = index.get(r.grid_code);
    if (i !== undefined && r.week >= 0 && r.week < weeks) cube[r.week]![i] = r.count;
  }
  const neighbours = await neighbourIndex(db, prefix, codes);
  const perWeek: GiStar[][] = cube.map((counts) => giStar(counts, neighbours));
  const out: EmergingHotspot[] = [];
  codes.forEach((gridCode, i) => {
    const steps = perWeek.map((week) => week[i]!);
    const result = classifyEmerging(steps);
    if (result.category === null) return;
    out.push({
      gridCode,
      category: result.category,
      trendZ: result.trendZ,
      trendPValue: result.trendP,
      weeks,
      hotWeeks: result.hotSteps,
      weeklyZ: steps.map((s) => s.z),
    });
  });
  return out;
}
