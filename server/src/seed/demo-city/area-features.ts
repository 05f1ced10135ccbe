/**
 * Admin units and grids as GeoJSON features. Villages are unions of atoms; townships,
 * counties and the city are unions of their children's rings, so every level nests
 * exactly. Population and households add up from villages (= sums of their grids).
 */
import type { AdminUnitFeature, GridFeature, RoadFeature } from '../../domain/dataset-format.js';
import type { RingPolygon } from './edge-union.js';
import { xyToPosition } from './planar.js';
import { polygonCoords, unionAtoms, unionParts } from './polygons.js';
import type { World } from './world.js';

interface UnitTotals {
  population: number;
  households: number;
}

function add(into: UnitTotals, from: UnitTotals): void {
  into.population += from.population;
  into.households += from.households;
}

export function buildAdminFeatures(world: World): AdminUnitFeature[] {
  const { model, regions, stats, city } = world;
  const mesh = model.mesh;
  const feature = (
    code: string,
    level: AdminUnitFeature['properties']['level'],
    name: string,
    parent: string | null,
    totals: UnitTotals,
    parts: RingPolygon[],
  ): AdminUnitFeature => ({
    type: 'Feature',
    properties: {
      code,
      level,
      name,
      parent_code: parent,
      population: totals.population,
      households: totals.households,
    },
    geometry: { type: 'MultiPolygon', coordinates: parts.map((p) => polygonCoords(mesh, p)) },
  });

  const villageParts = regions.villages.map((v) => unionAtoms(mesh, v.atoms));
  const townshipParts: RingPolygon[][] = regions.townships.map(() => []);
  const townshipTotals: UnitTotals[] = regions.townships.map(() => ({ population: 0, households: 0 }));
  regions.villages.forEach((v, i) => {
    townshipParts[v.townshipIndex]!.push(...villageParts[i]!);
    add(townshipTotals[v.townshipIndex]!, stats[i]!);
  });
  const countyParts: RingPolygon[][] = regions.counties.map(() => []);
  const countyTotals: UnitTotals[] = regions.counties.map(() => ({ population: 0, households: 0 }));
  const townshipUnions = regions.townships.map((t, i) => {
    const union = unionParts(mesh, townshipParts[i]!);
    countyParts[t.countyIndex]!.push(...union);
    add(countyTotals[t.countyIndex]!, townshipTotals[i]!);
    return union;
  });
  const cityTotals: UnitTotals = { population: 0, households: 0 };
  const countyUnions = regions.counties.map((_, i) => {
    add(cityTotals, countyTotals[i]!);
    return unionParts(mesh, countyParts[i]!);
  });

  const features: AdminUnitFeature[] = [
    feature(city.code, 'city', city.name, null, cityTotals, unionParts(mesh, countyUnions.flat())),
  ];
  regions.counties.forEach((c, i) => {
    features.push(feature(c.division.code, 'county', c.division.name, city.code, countyTotals[i]!, countyUnions[i]!));
  });
  regions.townships.forEach((t, i) => {
    const parent = regions.counties[t.countyIndex]!.division.code;
    features.push(
      feature(t.division.code, 'township', t.division.name, parent, townshipTotals[i]!, townshipUnions[i]!),
    );
  });
  for (const i of world.gridVillages) {
    const v = regions.villages[i]!;
    const parent = regions.townships[v.townshipIndex]!.division.code;
    features.push(feature(v.division.code, 'village', v.division.name, parent, stats[i]!, villageParts[i]!));
  }
  return features;
}

export function buildGridFeatures(world: World, validFrom: string): GridFeature[] {
  const mesh = world.model.mesh;
  return world.grids.map((grid) => {
    const parts = unionAtoms(mesh, grid.atoms);
    if (parts.length !== 1) throw new Error(`grid ${grid.code} is ${parts.length} pieces, not one polygon`);
    return {
      type: 'Feature',
      properties: {
        code: grid.code,
        village_code: grid.villageCode,
        name: grid.name,
        kind: grid.kind,
        households: grid.households,
        population: grid.population,
        staff: grid.staff,
        valid_from: validFrom,
      },
      geometry: { type: 'Polygon', coordinates: polygonCoords(mesh, parts[0]!) },
    };
  });
}

export function buildRoadFeatures(world: World): RoadFeature[] {
  const features: RoadFeature[] = [];
  for (const road of world.roads) {
    const coordinates = road.points
      .map((p) => xyToPosition(p.x, p.y))
      .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
    if (coordinates.length < 2) continue;
    features.push({
      type: 'Feature',
      properties: { class: road.roadClass, name: road.name },
      geometry: { type: 'LineString', coordinates },
    });
  }
  return features;
}
