/**
 * Risk points (风险点位): schools, hospitals, markets and crowds where people are dense,
 * construction near towns, hazardous chemicals and petrol stations by the roads, recurring
 * disputes where the cases cluster, water hazards in the countryside. Every dedicated grid
 * also holds the place it serves.
 */
import type { RiskPointFeature } from '../../domain/dataset-format.js';
import { riskPointId } from '../../domain/codes.js';
import type { RiskCategory } from '../../domain/vocabulary.js';
import { shanghaiIso } from './calendar.js';
import { townshipBaseName, villageBaseName } from './names.js';
import { xyToPosition } from './planar.js';
import { WeightedSampler, type Rng } from './prng.js';
import { randomPointInAtom, randomPointOnPiece, type PlacedPoint, type RoadPiece } from './point-placement.js';
import { unitsOfGrid, type GridUnits, type World } from './world.js';

export interface RiskPointOptions {
  count: number;
  nowMs: number;
}

const CATEGORY_SHARE: Readonly<Record<RiskCategory, number>> = {
  school: 0.1,
  hospital: 0.04,
  market: 0.07,
  construction_site: 0.09,
  hazardous_chemicals: 0.05,
  gas_station: 0.06,
  recurring_dispute: 0.12,
  crowded_place: 0.15,
  water_hazard: 0.32,
};

/** P(level 1 red, 2 orange, 3 yellow, 4 blue); hazardous sites run hotter. */
const LEVEL_ODDS: Readonly<Record<'hazard' | 'dispute' | 'other', readonly number[]>> = {
  hazard: [0.12, 0.25, 0.35, 0.28],
  dispute: [0.06, 0.2, 0.4, 0.34],
  other: [0.04, 0.14, 0.35, 0.47],
};

/** Days between inspections by level. */
const INSPECTION_DAYS = [7, 15, 30, 45] as const;
const DAY_MS = 86_400_000;

function levelGroup(category: RiskCategory): keyof typeof LEVEL_ODDS {
  if (category === 'hazardous_chemicals' || category === 'gas_station' || category === 'construction_site')
    return 'hazard';
  return category === 'recurring_dispute' ? 'dispute' : 'other';
}

function riskName(category: RiskCategory, units: GridUnits, rng: Rng): string {
  const base = villageBaseName(units.villageName);
  const town = townshipBaseName(units.townshipName);
  switch (category) {
    case 'school':
      return `${base}${rng.pick(['小学', '中学', '幼儿园', '实验小学'])}`;
    case 'hospital':
      return rng.chance(0.6)
        ? `${base}卫生室`
        : rng.chance(0.75)
          ? `${town}卫生院`
          : `${units.countyName}人民医院${town}分院`;
    case 'market':
      return `${base}${rng.pick(['农贸市场', '集市', '商贸城'])}`;
    case 'construction_site':
      return `${base}${rng.pick(['安置房', '棚户区改造', '道路改造', '污水管网', '商住楼'])}项目工地`;
    case 'hazardous_chemicals':
      return `${base}${rng.pick(['化工有限公司', '危化品仓库', '液化气站', '烟花爆竹仓库'])}`;
    case 'gas_station':
      return `${rng.pick(['中国石化', '中国石油', '民营'])}${base}加油站`;
    case 'recurring_dispute':
      return `${units.villageName}${rng.pick(['邻里', '土地', '宅基地', '家庭'])}纠纷多发点`;
    case 'crowded_place':
      return `${base}${rng.pick(['广场', '汽车站', '商场', '文化广场', '超市'])}`;
    case 'water_hazard':
      return `${base}${rng.pick(['坑塘', '河段', '沟渠', '水塘'])}`;
  }
}

function responsibleUnit(category: RiskCategory, units: GridUnits): string {
  switch (category) {
    case 'school':
      return `${units.countyName}教育局`;
    case 'hospital':
      return `${units.countyName}卫生健康局`;
    case 'market':
      return `${units.countyName}市场监督管理局`;
    case 'construction_site':
      return `${units.countyName}住房和城乡建设局`;
    case 'hazardous_chemicals':
    case 'gas_station':
      return `${units.countyName}应急管理局`;
    case 'recurring_dispute':
      return `${units.townshipName}综治中心`;
    case 'crowded_place':
      return `${units.townshipName}派出所`;
    case 'water_hazard':
      return `${units.townshipName}水利站`;
  }
}

export function generateRiskPoints(
  world: World,
  pieces: readonly RoadPiece[],
  casesPerAtom: Float64Array,
  options: RiskPointOptions,
  rng: Rng,
): RiskPointFeature[] {
  const { model, atomGrid } = world;
  const allowed = (atom: number) => atomGrid[atom]! >= 0;
  const atoms = Array.from(atomGrid.keys()).filter(allowed);
  const pop = (a: number) => model.atomPopulation[a]!;
  const dens = (a: number) => model.atomDensityPerKm2[a]!;
  const sampler = (weight: (a: number) => number) => new WeightedSampler(atoms.map(weight));
  const samplers = {
    dense: sampler((a) => pop(a) * Math.sqrt(dens(a))),
    town: sampler((a) => pop(a) * dens(a) ** 0.3),
    people: sampler(pop),
    disputes: atoms.some((a) => casesPerAtom[a]! > 0) ? sampler((a) => casesPerAtom[a]! ** 2) : sampler(pop),
    rural: sampler((a) => model.mesh.areaSquareMeters[a]! / (1 + dens(a) / 1000)),
  };
  const pieceSampler = pieces.length > 0 ? new WeightedSampler(pieces.map((p) => p.lengthMeters)) : null;

  const place = (category: RiskCategory): PlacedPoint => {
    if ((category === 'hazardous_chemicals' || category === 'gas_station') && pieceSampler && rng.chance(0.75)) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const p = randomPointOnPiece(model.mesh, pieces[pieceSampler.draw(rng)]!, 40, allowed, rng);
        if (p) return p;
      }
    }
    const s =
      category === 'school' || category === 'hospital' || category === 'market' || category === 'crowded_place'
        ? samplers.dense
        : category === 'construction_site'
          ? samplers.town
          : category === 'recurring_dispute'
            ? samplers.disputes
            : category === 'water_hazard'
              ? samplers.rural
              : samplers.people;
    return randomPointInAtom(model.mesh, atoms[s.draw(rng)]!, rng);
  };

  // First the places that dedicated grids serve, then the rest by category share.
  const planned: { category: RiskCategory; point: PlacedPoint; name?: string }[] = [];
  for (const grid of world.grids) {
    if (!grid.dedicated || planned.length >= options.count) continue;
    const category: RiskCategory =
      grid.dedicated.purpose === 'school'
        ? 'school'
        : grid.dedicated.purpose === 'hospital'
          ? 'hospital'
          : 'hazardous_chemicals';
    const atom = grid.atoms[rng.int(grid.atoms.length)]!;
    planned.push({ category, point: randomPointInAtom(model.mesh, atom, rng), name: grid.dedicated.label });
  }
  const categories = Object.keys(CATEGORY_SHARE) as RiskCategory[];
  const shares = categories.map((c) => CATEGORY_SHARE[c]);
  while (planned.length < options.count) {
    const category = categories[rng.weightedIndex(shares)]!;
    planned.push({ category, point: place(category) });
  }

  const serials = new Map<string, number>();
  const features: RiskPointFeature[] = planned.map(({ category, point, name }) => {
    const units = unitsOfGrid(world, atomGrid[point.atom]!);
    const serial = (serials.get(units.villageCode) ?? 0) + 1;
    serials.set(units.villageCode, serial);
    const level = rng.weightedIndex(LEVEL_ODDS[levelGroup(category)]) + 1;
    const interval = INSPECTION_DAYS[level - 1]!;
    const roll = rng.next();
    const lastInspectedMs =
      roll < 0.03
        ? null
        : roll < 0.11
          ? options.nowMs - Math.min(60, interval * rng.range(1.1, 2)) * DAY_MS
          : options.nowMs - rng.range(0, interval) * DAY_MS;
    return {
      type: 'Feature',
      properties: {
        id: riskPointId(units.villageCode, serial),
        name: name ?? riskName(category, units, rng),
        category,
        level,
        responsible_unit: responsibleUnit(category, units),
        last_inspected_at: lastInspectedMs === null ? null : shanghaiIso(lastInspectedMs),
        grid_code: units.grid.code,
      },
      geometry: { type: 'Point', coordinates: xyToPosition(point.x, point.y) },
    };
  });
  features.sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1));
  return features;
}
