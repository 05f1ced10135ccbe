/**
 * Stage 3: populations and grids. Village populations are the atoms' people rounded to
 * exact integers; grid counts follow population (urban grids hold more people, as
 * residents' committees run larger grids) and add up to Heze's 12,864; grids are then
 * grown inside their village and numbered west→east, north→south.
 */
import { apportionLargestRemainder } from './apportion.js';
import { CITY_POPULATION, type CityModel } from './city-model.js';
import { westEastNorthSouthOrder } from './grid-numbering.js';
import type { AdminRegions, VillageRegion } from './hierarchy.js';
import { growBalancedRegions, type GrowScratch } from './region-growing.js';
import { farthestPointSeeds, nearestAtoms } from './seeds.js';

/** Heze's grid count (2016 report, see domain.md). */
export const CITY_GRID_COUNT = 12_864;

/** People per grid relative to a rural village: a 社区 grid holds ~1.6×, a 街道 village grid ~1.25×. */
const GRID_PEOPLE_FACTOR = { community: 1.6, streetVillage: 1.25, rural: 1 } as const;

/** Mean household size: smaller in town. */
const HOUSEHOLD_SIZE = { community: 2.6, other: 2.9 } as const;

export interface VillageStats {
  population: number;
  households: number;
  gridCount: number;
}

export function sumMass(atoms: ArrayLike<number>, mass: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < atoms.length; i++) s += mass[atoms[i]!]!;
  return s;
}

/** Populations, households and grid counts of every village, city-wide. */
export function villageStats(regions: AdminRegions, model: CityModel, totalGrids = CITY_GRID_COUNT): VillageStats[] {
  const { villages, townships } = regions;
  const populations = apportionLargestRemainder(
    villages.map((v) => sumMass(v.atoms, model.atomPopulation)),
    CITY_POPULATION,
  );
  const kindOf = (v: VillageRegion) =>
    v.division.isCommunity ? 'community' : townships[v.townshipIndex]!.division.isStreet ? 'streetVillage' : 'rural';
  const gridCounts = apportionLargestRemainder(
    villages.map((v, i) => populations[i]! / GRID_PEOPLE_FACTOR[kindOf(v)]),
    totalGrids,
    { min: 1, max: villages.map((v) => Math.min(999, v.atoms.length)) },
  );
  return villages.map((v, i) => {
    const size = v.division.isCommunity ? HOUSEHOLD_SIZE.community : HOUSEHOLD_SIZE.other;
    const gridCount = gridCounts[i]!;
    if (gridCount > v.atoms.length) {
      throw new Error(`village ${v.division.code} needs ${gridCount} grids but has only ${v.atoms.length} atoms`);
    }
    return { population: populations[i]!, households: Math.round(populations[i]! / size), gridCount };
  });
}

export interface GridRegion {
  villageIndex: number;
  /** 1-based, west→east, north→south inside the village. */
  serial: number;
  atoms: Int32Array;
  population: number;
  households: number;
}

function areaCentroid(atoms: Int32Array, model: CityModel): { x: number; y: number; area: number } {
  const { areaSquareMeters, centroidX, centroidY } = model.mesh;
  let area = 0;
  let x = 0;
  let y = 0;
  for (const a of atoms) {
    area += areaSquareMeters[a]!;
    x += areaSquareMeters[a]! * centroidX[a]!;
    y += areaSquareMeters[a]! * centroidY[a]!;
  }
  return { x: x / area, y: y / area, area };
}

/** Splits one village into `stats.gridCount` grids of similar population, numbered. */
export function growVillageGrids(
  villageIndex: number,
  village: VillageRegion,
  stats: VillageStats,
  model: CityModel,
  scratch: GrowScratch,
): GridRegion[] {
  const count = stats.gridCount;
  const at = { x: model.mesh.centroidX, y: model.mesh.centroidY };
  let parts: Int32Array[];
  if (count === 1) parts = [village.atoms];
  else {
    const centre = areaCentroid(village.atoms, model);
    const [first] = nearestAtoms(village.atoms, centre.x, centre.y, 1, at);
    const seeds = farthestPointSeeds(village.atoms, count, at, [], first);
    const grown = growBalancedRegions(
      {
        graph: model.mesh.graph,
        members: village.atoms,
        seeds,
        targets: new Array<number>(count).fill(1),
        mass: model.atomPopulation,
        iterations: 4,
        recenter: at,
      },
      scratch,
    );
    const buckets: number[][] = seeds.map(() => []);
    grown.labels.forEach((label, i) => buckets[label]!.push(village.atoms[i]!));
    parts = buckets.map((b) => Int32Array.from(b));
  }
  for (const part of parts) {
    if (part.length === 0) throw new Error(`village ${village.division.code} grew an empty grid`);
  }
  const villageArea = areaCentroid(village.atoms, model).area;
  const rowHeight = 0.6 * Math.sqrt(villageArea / count);
  const order = westEastNorthSouthOrder(
    parts.map((p) => areaCentroid(p, model)),
    rowHeight,
  );
  const ordered = order.map((i) => parts[i]!);
  const populations = apportionLargestRemainder(
    ordered.map((p) => sumMass(p, model.atomPopulation)),
    stats.population,
  );
  const households = apportionLargestRemainder(populations, stats.households);
  return ordered.map((atoms, k) => ({
    villageIndex,
    serial: k + 1,
    atoms,
    population: populations[k]!,
    households: households[k]!,
  }));
}
