/**
 * Stage 2: counties, townships and villages as connected sets of atoms, grown top-down
 * inside their parent, with the real names and codes of Heze. Counties grow around their
 * real seats (weighted-regions.ts); townships and villages from seeds that settle at
 * their regions' centres (balanced growth, region-growing.ts).
 *
 * Sizes: every village carries a weight (社区 more than 村, with a lognormal spread); a
 * township's target is the sum over its villages and a county's the sum over its
 * townships, so the whole tree shares one notion of size.
 */
import type { CityModel } from './city-model.js';
import type { CityDivision, CountyDivision, TownshipDivision, VillageDivision } from './divisions.js';
import { createRng, deriveSeed } from './prng.js';
import { growBalancedRegions, GrowScratch } from './region-growing.js';
import { growWeightedRegions } from './weighted-regions.js';
import { farthestPointSeeds, nearestAtoms, type AtomCoords } from './seeds.js';

/**
 * A residents' committee holds about twice the people of a village. (A larger factor, or
 * a bonus for villages inside a 街道, makes 牡丹街道 — 6 社区 and 26 村 — exceed the ~80
 * grids the tiny data set is meant to have.)
 */
export const COMMUNITY_WEIGHT = 2;
const VILLAGE_SPREAD_SIGMA = 0.3;

export interface CountyRegion {
  division: CountyDivision;
  atoms: Int32Array;
  seatAtom: number;
}

export interface TownshipRegion {
  division: TownshipDivision;
  countyIndex: number;
  atoms: Int32Array;
  /** The densest atom: the town centre (镇驻地), which county roads link. */
  seatAtom: number;
}

export interface VillageRegion {
  division: VillageDivision;
  townshipIndex: number;
  atoms: Int32Array;
}

export interface AdminRegions {
  counties: CountyRegion[];
  townships: TownshipRegion[];
  villages: VillageRegion[];
  /** Village index of every atom. */
  atomVillage: Int32Array;
}

/**
 * Splits `members` into len(targets) connected regions. Children flagged `clustered`
 * start among the atoms nearest `centreAtom` (街道 near the county seat, 社区 near the
 * town centre); the others spread out by farthest-point sampling.
 */
export function splitAtoms(
  members: Int32Array,
  targets: readonly number[],
  clustered: readonly boolean[],
  centreAtom: number,
  model: CityModel,
  scratch: GrowScratch,
  iterations: number,
): Int32Array[] {
  const at: AtomCoords = { x: model.mesh.centroidX, y: model.mesh.centroidY };
  const k = targets.length;
  if (members.length < k) throw new Error(`${k} regions need at least ${k} atoms, got ${members.length}`);
  const total = targets.reduce((s, t) => s + t, 0);
  const clusteredIdx = targets.map((_, i) => i).filter((i) => clustered[i]);
  const spreadIdx = targets.map((_, i) => i).filter((i) => !clustered[i]);
  const seeds = new Array<number>(k);
  let placed: number[] = [];
  if (clusteredIdx.length > 0) {
    const share = clusteredIdx.reduce((s, i) => s + targets[i]!, 0) / total;
    const poolSize = Math.min(members.length, Math.max(clusteredIdx.length, Math.round(members.length * share)));
    const pool = nearestAtoms(members, at.x[centreAtom]!, at.y[centreAtom]!, poolSize, at);
    placed = farthestPointSeeds(pool, clusteredIdx.length, at, [], pool[0]);
    clusteredIdx.forEach((child, j) => (seeds[child] = placed[j]!));
  }
  const spread = farthestPointSeeds(members, spreadIdx.length, at, placed, centreAtom);
  spreadIdx.forEach((child, j) => (seeds[child] = spread[j]!));
  const grown = growBalancedRegions(
    { graph: model.mesh.graph, members, seeds, targets, mass: model.atomPopulation, iterations, recenter: at },
    scratch,
  );
  const buckets: number[][] = targets.map(() => []);
  grown.labels.forEach((label, i) => buckets[label]!.push(members[i]!));
  return buckets.map((b) => Int32Array.from(b));
}

function densestAtom(atoms: Int32Array, density: Float64Array): number {
  let best = atoms[0]!;
  for (const a of atoms) if (density[a]! > density[best]!) best = a;
  return best;
}

export function growAdminRegions(city: CityDivision, model: CityModel, seed: number): AdminRegions {
  const { mesh } = model;
  const scratch = new GrowScratch(mesh.keptCount);
  const weightRng = createRng(deriveSeed(seed, 'village-weights'));
  const villageWeight = new Map<string, number>();
  for (const county of city.counties) {
    for (const township of county.townships) {
      for (const village of township.villages) {
        const base = village.isCommunity ? COMMUNITY_WEIGHT : 1;
        villageWeight.set(village.code, base * weightRng.logNormal(0, VILLAGE_SPREAD_SIGMA));
      }
    }
  }
  const townshipTarget = (t: TownshipDivision) => t.villages.reduce((s, v) => s + villageWeight.get(v.code)!, 0);
  const countyTarget = (c: CountyDivision) => c.townships.reduce((s, t) => s + townshipTarget(t), 0);

  const all = Int32Array.from({ length: mesh.keptCount }, (_, i) => i);
  const seatAtoms = model.seats.map((s) => {
    const atom = mesh.delaunay.find(s.x, s.y);
    if (atom >= mesh.keptCount) throw new Error('a county seat lies outside the city atoms');
    return atom;
  });
  const countyGrowth = growWeightedRegions(
    {
      graph: mesh.graph,
      members: all,
      seeds: seatAtoms,
      targets: city.counties.map(countyTarget),
      mass: model.atomPopulation,
      iterations: 12,
    },
    scratch,
  );
  const countyBuckets: number[][] = city.counties.map(() => []);
  countyGrowth.labels.forEach((label, i) => countyBuckets[label]!.push(i));
  const counties = city.counties.map((division, i) => ({
    division,
    atoms: Int32Array.from(countyBuckets[i]!),
    seatAtom: seatAtoms[i]!,
  }));

  const townships: TownshipRegion[] = [];
  for (const [countyIndex, county] of counties.entries()) {
    const children = county.division.townships;
    const split = splitAtoms(
      county.atoms,
      children.map(townshipTarget),
      children.map((t) => t.isStreet),
      county.seatAtom,
      model,
      scratch,
      6,
    );
    children.forEach((division, j) => {
      const atoms = split[j]!;
      townships.push({ division, countyIndex, atoms, seatAtom: densestAtom(atoms, model.atomDensityPerKm2) });
    });
  }

  const villages: VillageRegion[] = [];
  const atomVillage = new Int32Array(mesh.keptCount).fill(-1);
  for (const [townshipIndex, township] of townships.entries()) {
    const children = township.division.villages;
    const split = splitAtoms(
      township.atoms,
      children.map((v) => villageWeight.get(v.code)!),
      children.map((v) => v.isCommunity),
      township.seatAtom,
      model,
      scratch,
      5,
    );
    children.forEach((division, j) => {
      const atoms = split[j]!;
      for (const a of atoms) atomVillage[a] = villages.length;
      villages.push({ division, townshipIndex, atoms });
    });
  }
  for (let a = 0; a < mesh.keptCount; a++) {
    if (atomVillage[a]! < 0) throw new Error(`atom ${a} ended up in no village`);
  }
  return { counties, townships, villages, atomVillage };
}
