/**
 * Stage 1 of the generator: the city's shape, density field, roads and atoms. Everything
 * here is computed for the whole city at every scale, so the tiny data set is a faithful
 * cut-out of the city one.
 */
import { buildAtomMesh, countConnected, type AtomMesh } from './atoms.js';
import { buildCityOutline } from './city-outline.js';
import { buildDensityModel, placeTownBumps, sampleSites, type DensityBump } from './density.js';
import { hilbertSorted } from './hilbert.js';
import { COUNTY_SEATS, shortCountyName, type CityDivision } from './divisions.js';
import { createRng, deriveSeed, type Rng } from './prng.js';
import { lonLatToXY, type XY } from './planar.js';
import { expresswayLines, mainRoadLines, type RoadLine } from './roads.js';

/** Heze: 12,200 km², 10.03 million people (2016 report, see domain.md). */
export const CITY_AREA_SQUARE_METERS = 12_200e6;
export const CITY_POPULATION = 10_030_000;

export interface CityModel {
  mesh: AtomMesh;
  /** County seats in county order (planar). */
  seats: XY[];
  /** Expressways and main roads, unclipped (county roads come later, with the townships). */
  trunkRoads: RoadLine[];
  /** People per atom, summing to CITY_POPULATION. */
  atomPopulation: Float64Array;
  /** Modelled people per km² at each atom, on the same scale. */
  atomDensityPerKm2: Float64Array;
}

export interface CityModelOptions {
  seed: number;
  atomCount: number;
}

const PRIMARY_SEAT = '371702000000'; // 牡丹区: the central city
const ZONE_SEATS = new Set(['371771000000', '371772000000']);

function seatBumps(city: CityDivision, seats: readonly XY[], seed: number): DensityBump[] {
  const rng = createRng(deriveSeed(seed, 'seat-bumps'));
  return city.counties.map((county, i) => {
    const { x, y } = seats[i]!;
    if (county.code === PRIMARY_SEAT) return { x, y, peakPerKm2: 9500, sigmaMeters: 3200 };
    if (ZONE_SEATS.has(county.code)) return { x, y, peakPerKm2: 4500, sigmaMeters: 1800 };
    return { x, y, peakPerKm2: rng.range(4500, 6500), sigmaMeters: rng.range(2000, 2400) };
  });
}

/**
 * Builds the mesh, nudging any atom site whose cell has a near-zero edge by a few metres
 * and rebuilding, so no two distinct boundary vertices can round to the same position.
 */
function buildMeshWithoutShortEdges(sites: Float64Array, keptCount: number, rng: Rng): AtomMesh {
  for (let attempt = 0; attempt < 20; attempt++) {
    const mesh = buildAtomMesh(sites, keptCount);
    if (mesh.shortEdgeAtoms.length === 0) return mesh;
    for (const i of mesh.shortEdgeAtoms) {
      sites[2 * i]! += rng.range(-5, 5);
      sites[2 * i + 1]! += rng.range(-5, 5);
    }
  }
  throw new Error('could not remove the short Voronoi edges in 20 rounds');
}

export function buildCityModel(city: CityDivision, options: CityModelOptions): CityModel {
  const { seed } = options;
  const seats = city.counties.map((county) => {
    const seat = COUNTY_SEATS[county.code];
    if (!seat) throw new Error(`no seat position for county ${county.code}`);
    return lonLatToXY(seat[0], seat[1]);
  });
  const outline = buildCityOutline({
    seats,
    targetAreaSquareMeters: CITY_AREA_SQUARE_METERS,
    seatMarginMeters: 9000,
    rng: createRng(deriveSeed(seed, 'outline')),
  });
  const places = city.counties.map((county, i) => ({ name: shortCountyName(county.name), ...seats[i]! }));
  const mainRoads = mainRoadLines(places, createRng(deriveSeed(seed, 'main-roads')));
  const trunkRoads = [...expresswayLines(createRng(deriveSeed(seed, 'expressways'))), ...mainRoads];
  const towns = placeTownBumps(outline, seats, 140, createRng(deriveSeed(seed, 'towns')));
  const density = buildDensityModel(
    [...seatBumps(city, seats, seed), ...towns],
    mainRoads.map((r) => r.points),
    { basePerKm2: 600, roadBoostPerKm2: 220, roadSigmaMeters: 700 },
  );
  const sampled = sampleSites(density, outline, options.atomCount, 5000, createRng(deriveSeed(seed, 'sites')));
  // Atoms in Hilbert order: neighbours close in memory (the ring sites stay at the end).
  const kept = hilbertSorted(sampled.sites.subarray(0, 2 * sampled.keptCount));
  const sites = Float64Array.from(sampled.sites);
  sites.set(kept);
  const mesh = buildMeshWithoutShortEdges(sites, sampled.keptCount, createRng(deriveSeed(seed, 'nudges')));
  const reachable = countConnected(mesh.graph, mesh.keptCount);
  if (reachable !== mesh.keptCount) {
    throw new Error(`the atoms are not one connected piece (${reachable} of ${mesh.keptCount} reachable)`);
  }
  const raw = new Float64Array(mesh.keptCount);
  const densityAt = new Float64Array(mesh.keptCount);
  let total = 0;
  for (let i = 0; i < mesh.keptCount; i++) {
    densityAt[i] = density.densityPerKm2(mesh.sites[2 * i]!, mesh.sites[2 * i + 1]!);
    raw[i] = (densityAt[i]! * mesh.areaSquareMeters[i]!) / 1e6;
    total += raw[i]!;
  }
  const scale = CITY_POPULATION / total;
  for (let i = 0; i < mesh.keptCount; i++) {
    raw[i]! *= scale;
    densityAt[i]! *= scale;
  }
  return { mesh, seats, trunkRoads, atomPopulation: raw, atomDensityPerKm2: densityAt };
}
