/**
 * The generated world before any points: city model, admin regions, village statistics,
 * grids (for the whole city, or only the focus township at the tiny scale) and roads.
 */
import { buildCityModel, type CityModel } from './city-model.js';
import { loadHezeDivisions, shortCountyName, type CityDivision } from './divisions.js';
import { describeGrid, type GridRecord } from './grid-attributes.js';
import { growVillageGrids, sumMass, villageStats, type VillageStats } from './grids.js';
import { growAdminRegions, type AdminRegions } from './hierarchy.js';
import { createRng, deriveSeed } from './prng.js';
import { GrowScratch } from './region-growing.js';
import { townshipBaseName } from './names.js';
import { clipLines, countyRoadLines, type RoadLine } from './roads.js';

/** About 100,000 atoms: ~8 per grid, enough for grid shapes, cheap enough for seconds. */
export const CITY_ATOM_COUNT = 100_000;

export interface World {
  seed: number;
  city: CityDivision;
  model: CityModel;
  regions: AdminRegions;
  stats: VillageStats[];
  /** Only the villages that get grids (all, or the focus township's). */
  gridVillages: number[];
  grids: GridRecord[];
  /** Grid index of every atom, -1 where no grids were generated. */
  atomGrid: Int32Array;
  /** Roads cut to the city. */
  roads: RoadLine[];
  focusTownship: string | null;
}

function buildRoads(model: CityModel, regions: AdminRegions, seed: number): RoadLine[] {
  const { mesh } = model;
  const place = (name: string, atom: number) => ({ name, x: mesh.centroidX[atom]!, y: mesh.centroidY[atom]! });
  const counties = regions.counties.map((county, ci) => ({
    seat: place(shortCountyName(county.division.name), county.seatAtom),
    towns: regions.townships
      .filter((t) => t.countyIndex === ci)
      .map((t) => place(townshipBaseName(t.division.name), t.seatAtom)),
  }));
  const local = countyRoadLines(counties, createRng(deriveSeed(seed, 'county-roads')));
  let hint = 0;
  const inside = (x: number, y: number) => {
    hint = mesh.delaunay.find(x, y, hint);
    return hint < mesh.keptCount;
  };
  return clipLines([...model.trunkRoads, ...local], inside);
}

export function buildWorld(seed: number, focusTownship: string | null): World {
  const city = loadHezeDivisions();
  const model = buildCityModel(city, { seed, atomCount: CITY_ATOM_COUNT });
  const regions = growAdminRegions(city, model, seed);
  const stats = villageStats(regions, model);
  if (focusTownship && !regions.townships.some((t) => t.division.code === focusTownship)) {
    throw new Error(`no township ${focusTownship} in the divisions`);
  }
  const gridVillages = regions.villages
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => !focusTownship || regions.townships[v.townshipIndex]!.division.code === focusTownship)
    .map(({ i }) => i);
  const scratch = new GrowScratch(model.mesh.keptCount);
  const grids: GridRecord[] = [];
  const atomGrid = new Int32Array(model.mesh.keptCount).fill(-1);
  for (const villageIndex of gridVillages) {
    const village = regions.villages[villageIndex]!;
    const township = regions.townships[village.townshipIndex]!;
    for (const region of growVillageGrids(villageIndex, village, stats[villageIndex]!, model, scratch)) {
      const area = sumMass(region.atoms, model.mesh.areaSquareMeters);
      const grid = describeGrid(
        region,
        {
          villageCode: village.division.code,
          villageName: village.division.name,
          townshipName: township.division.name,
          villageGridCount: stats[villageIndex]!.gridCount,
          densityPerKm2: (region.population / area) * 1e6,
        },
        seed,
      );
      for (const a of region.atoms) atomGrid[a] = grids.length;
      grids.push(grid);
    }
  }
  return {
    seed,
    city,
    model,
    regions,
    stats,
    gridVillages,
    grids,
    atomGrid,
    roads: buildRoads(model, regions, seed),
    focusTownship,
  };
}

/** Codes and names of the units above a grid, for labels and case actors. */
export interface GridUnits {
  grid: GridRecord;
  villageCode: string;
  villageName: string;
  villageIsCommunity: boolean;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  countyName: string;
}

export function unitsOfGrid(world: World, gridIndex: number): GridUnits {
  const grid = world.grids[gridIndex]!;
  const village = world.regions.villages[grid.villageIndex]!;
  const township = world.regions.townships[village.townshipIndex]!;
  const county = world.regions.counties[township.countyIndex]!;
  return {
    grid,
    villageCode: village.division.code,
    villageName: village.division.name,
    villageIsCommunity: village.division.isCommunity,
    townshipCode: township.division.code,
    townshipName: township.division.name,
    countyCode: county.division.code,
    countyName: county.division.name,
  };
}
