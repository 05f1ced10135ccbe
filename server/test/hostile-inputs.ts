/**
 * One fast-check arbitrary per input type of the GraphQL schema (input objects and scalars; an
 * enum's comes from its own values), each mixing values that look right, with real codes of the
 * tiny data set, and hostile ones. hostile-arbitraries.ts builds the variables of every
 * operation from these.
 */
import fc from 'fast-check';
import type { GraphQLEnumType } from 'graphql';
import type { Queryable } from '../src/db/database.js';
import { RISK_CATEGORIES } from '../src/domain/vocabulary.js';
import {
  BOW_TIE,
  hostileDateTime,
  hostileGeometry,
  hostileNumber,
  nastyString,
  nested,
  notAPoint,
  oneFieldHostile,
  wrongType,
} from './hostile.js';

/** A polygon of the tiny data set with what a test needs to edit it. */
export interface KnownGrid {
  code: string;
  version: number;
  geometry: { type: string; coordinates: unknown };
  /** A line across the grid from outside to outside, west to east. */
  crossing: { type: 'LineString'; coordinates: [number, number][] };
}

/** Records of the tiny data set that valid-looking values refer to, read once per database. */
export interface Known {
  openCases: { code: string; version: number }[];
  closedCaseCodes: string[];
  cameraIds: string[];
  riskPointIds: string[];
  /** Points inside current grids: the first ones inside the village 371702005001, then others. */
  places: { lon: number; lat: number }[];
  /** The village 371702005003 (百花社区) and its current grids, for planning. */
  planningVillage: { code: string; grids: KnownGrid[] };
  /** Sign-in challenges of each step kind, the codes that answer them, and throwaway accounts to change. */
  signIn: { challenges: string[]; codes: string[]; targets: string[] };
}

/** The tiny city's units around the township it has data in (牡丹街道, 371702005000). */
export const UNIT_CODES = ['371700000000', '371702000000', '371702005000', '371702005001', '371702005003'];
export const GRID_CODES = ['371702005001001', '371702005001005', '371702005003002', '371702005231001'];

/** The records of the data set (signIn comes from the API: see hostile-setup.ts). */
export async function readKnown(db: Queryable): Promise<Omit<Known, 'signIn'>> {
  const rows = async <R>(sql: string) => (await db.query<R>(sql)).rows;
  const grids = await rows<{ code: string; version: number; geojson: string; x0: number; x1: number; y: number }>(
    `SELECT code, version, ST_AsGeoJSON(geom) AS geojson, ST_XMin(geom) - 0.001 AS x0, ST_XMax(geom) + 0.001 AS x1,
       ST_Y(ST_PointOnSurface(geom)) AS y
     FROM grids WHERE valid_to IS NULL AND village_code = '371702005003' ORDER BY code`,
  );
  return {
    openCases: await rows(
      `SELECT code, version FROM cases WHERE closed_at IS NULL ORDER BY village_code <> '371702005001', code LIMIT 12`,
    ),
    closedCaseCodes: (await rows<{ code: string }>('SELECT code FROM cases WHERE closed_at IS NOT NULL LIMIT 2')).map(
      (r) => r.code,
    ),
    cameraIds: (
      await rows<{ id: string }>(
        `(SELECT id FROM cameras WHERE grid_code LIKE '371702005001%' ORDER BY id LIMIT 3)
         UNION ALL (SELECT id FROM cameras WHERE grid_code NOT LIKE '371702005001%' ORDER BY id LIMIT 2)`,
      )
    ).map((r) => r.id),
    riskPointIds: (
      await rows<{ id: string }>(
        `(SELECT id FROM risk_points WHERE grid_code LIKE '371702005001%' ORDER BY id LIMIT 3)
         UNION ALL (SELECT id FROM risk_points WHERE grid_code NOT LIKE '371702005001%' ORDER BY id LIMIT 2)`,
      )
    ).map((r) => r.id),
    places: await rows(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p, code FROM grids
       WHERE valid_to IS NULL ORDER BY code NOT LIKE '371702005001%', code LIMIT 6) s`,
    ),
    planningVillage: {
      code: '371702005003',
      grids: grids.map((g) => ({
        code: g.code,
        version: g.version,
        geometry: JSON.parse(g.geojson),
        crossing: {
          type: 'LineString',
          coordinates: [
            [g.x0, g.y],
            [g.x1, g.y],
          ],
        },
      })),
    },
  };
}

/** Codes that look almost right: a digit short or long, full-width, padded, a letter inside. */
export const wrongCode = fc.constantFrom(
  '37170200500',
  '3717020050011',
  '371702005001001001',
  '３７１７０２００５００１',
  ' 371702005001',
  '371702005001 ',
  '37170200500l',
  '371702005999',
  '000000000000',
  '-1',
  '0',
);

/** Any ID: a real code of any kind, an almost-right one, or a hostile string or number. */
export function hostileId(known: Known): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...UNIT_CODES, ...GRID_CODES, ...known.cameraIds, ...known.riskPointIds) },
    fc.constantFrom(...known.openCases.map((c) => c.code), ...known.closedCaseCodes),
    wrongCode,
    nastyString,
    fc.constantFrom(371702005001, 1.5, -1, 2 ** 53),
    wrongType,
  );
}

/** A case code: open and closed ones, almost-right ones, and hostile ones. */
export function hostileCaseCode(known: Known): fc.Arbitrary<unknown> {
  const codes = known.openCases.map((c) => c.code);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...codes) },
    fc.constantFrom(...known.closedCaseCodes, `${codes[0]}0`, codes[0]!.slice(0, -1), codes[0]!.toLowerCase()),
    hostileId(known),
  );
}

/** Coordinates: in the tiny city, at the edges of WGS-84 and beyond, and not numbers at all. */
const hostileCoordinate = fc.oneof(
  hostileNumber,
  fc.constantFrom(180.000001, -180.000001, 90.000001, 1e-320, Number.MIN_VALUE, '115.5', 'NaN', 'Infinity', null),
);

/** A coordinate array nested `depth` levels deep: [[[…[115.5, 35.2]…]]]. */
function deepCoordinates(depth: number): unknown {
  let value: unknown = [115.5, 35.2];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A geometry collection nested `depth` levels deep. */
function deepCollection(depth: number): unknown {
  let value: unknown = { type: 'Point', coordinates: [115.5, 35.2] };
  for (let i = 0; i < depth; i++) value = { type: 'GeometryCollection', geometries: [value] };
  return value;
}

/** GeoJSON: the real grids of the planning village, hostileGeometry's, and deep or odd objects. */
export function hostileGeoJson(known: Known): fc.Arbitrary<unknown> {
  const real = known.planningVillage.grids;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real.map((g) => g.geometry), ...real.map((g) => g.crossing)) },
    hostileGeometry,
    fc.constantFrom(
      { type: 'Polygon', coordinates: deepCoordinates(500) },
      deepCollection(200),
      { type: 'MultiPolygon', coordinates: Array.from({ length: 300 }, () => BOW_TIE.coordinates) },
      { type: 'Feature', geometry: BOW_TIE, properties: {} },
      {
        type: 'Polygon',
        coordinates: [
          [
            ['115.4', '35.1'],
            ['115.6', '35.1'],
            ['115.6', '35.3'],
            ['115.4', '35.1'],
          ],
        ],
      },
      {
        type: 'Polygon',
        coordinates: [
          [
            [115.4, 35.1, 1, 2, 3],
            [115.6, 35.1],
            [115.6, 35.3],
            [115.4, 35.1],
          ],
        ],
      },
      { ...BOW_TIE, crs: { type: 'name', properties: { name: 'EPSG:3857' } } },
      JSON.stringify(real[0]!.geometry),
      { type: 'Polygon\u0000', coordinates: [] },
    ),
    nastyString,
    wrongType,
  );
}

/** An enum: each of its values, misspellings of them, and hostile strings, all sent as variables. */
export function hostileEnum(type: GraphQLEnumType): fc.Arbitrary<unknown> {
  const values = type.getValues().map((v) => v.name);
  const misspelt = values.flatMap((v) => [v.toUpperCase(), ` ${v}`, `${v}\u200B`, v.slice(0, -1), `${v}s`]);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...values) },
    fc.constantFrom(...misspelt, '', values.length, `${values[0]},${values[1] ?? values[0]}`),
    nastyString,
    wrongType,
  );
}

const realDay = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-06-29T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** An arbitrary for every input object and scalar type of the schema, by name. */
export function inputArbitraries(known: Known): Record<string, fc.Arbitrary<unknown>> {
  const place = fc.constantFrom(...known.places);
  const planning = known.planningVillage;
  const grid = fc.constantFrom(...planning.grids);
  const gridPlan = grid.map((g) => ({ code: g.code, geometry: g.geometry }));
  const hostileGridPlan = oneFieldHostile(gridPlan, {
    code: fc.oneof(fc.constantFrom(null, ...GRID_CODES), hostileId(known)),
    geometry: hostileGeoJson(known),
    name: nastyString,
    kind: fc.constantFrom('dedicated', 'DEDICATED', 'school', ''),
    households: fc.oneof(hostileNumber, fc.constantFrom(-1, 0, 2 ** 31, '300')),
    population: fc.oneof(hostileNumber, fc.constantFrom(-1, 0, 2 ** 31, '300')),
  });
  const unchangedVillage = {
    villageCode: planning.code,
    grids: planning.grids.map((g) => ({ code: g.code, geometry: g.geometry })),
  };
  const near = fc.record({
    lon: fc.oneof(
      place.map((p) => p.lon),
      hostileCoordinate,
    ),
    lat: fc.oneof(
      place.map((p) => p.lat),
      hostileCoordinate,
    ),
    radiusMeters: fc.oneof(fc.constantFrom(500, 200_000), hostileNumber, fc.constantFrom(0, -1, 200_001)),
  });
  const reportCase = fc.record({
    category: fc.constantFrom('neighbour', 'land'),
    severity: fc.constantFrom('low', 'critical'),
    source: fc.constantFrom('hotline', 'patrol'),
    lon: place.map((p) => p.lon),
    lat: place.map((p) => p.lat),
    note: fc.constantFrom(null, '邻里噪音纠纷'),
  });
  const heartbeat = fc.record({
    id: fc.constantFrom(...known.cameraIds),
    status: fc.constantFrom('online', 'offline', 'fault'),
    at: fc.constantFrom(null, '2026-06-30T09:59:00+08:00', '2026-06-01T00:00:00+08:00'),
  });
  const riskPoint = fc.record({
    name: fc.constantFrom('赵楼农贸市场', '  第一小学  '),
    category: fc.constantFrom('market', 'school'),
    level: fc.constantFrom(1, 4),
    responsibleUnit: fc.constant('牡丹街道市场监管所'),
    lon: place.map((p) => p.lon),
    lat: place.map((p) => p.lat),
  });
  return {
    ID: hostileId(known),
    String: fc.oneof(fc.constantFrom('371702005001', 'market', 'cameras', '调整网格'), nastyString, wrongType),
    Int: fc.oneof(
      fc.integer({ min: -2, max: 5 }),
      fc.constantFrom(50, 500, 501, 2 ** 31, -(2 ** 31) - 1, 1.5, '1', 'NaN', 'Infinity', -0),
      hostileNumber,
      wrongType,
    ),
    Float: fc.oneof(
      place.map((p) => p.lon),
      hostileCoordinate,
      wrongType,
    ),
    Boolean: fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0, 'yes'), wrongType),
    DateTime: fc.oneof(realDay, hostileDateTime),
    GeoJSON: hostileGeoJson(known),
    Near: fc.oneof({ weight: 3, arbitrary: near }, wrongType, nastyString),
    Area: fc.oneof(
      fc.record(
        {
          unitCode: fc.oneof(fc.constantFrom(null, ...UNIT_CODES), hostileId(known)),
          bbox: fc.oneof(
            fc.constantFrom(null, [115.3, 35.1, 115.6, 35.4], [115.6, 35.4, 115.3, 35.1], [-180, -90, 180, 90]),
            fc.array(hostileNumber, { maxLength: 5 }),
          ),
          near: fc.oneof(fc.constant(null), near),
          polygon: fc.oneof(fc.constant(null), hostileGeoJson(known)),
        },
        { requiredKeys: [] },
      ),
      wrongType,
    ),
    DepartmentChanges: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom(null, '牡丹派出所', '  ', '长'.repeat(61)), nastyString),
          stationing: fc.constantFrom(null, 'resident', 'on_call', 'RESIDENT', ''),
          contact: fc.oneof(fc.constantFrom(null, '', '0530-5551234', '长'.repeat(61)), nastyString),
        },
        { requiredKeys: [] },
      ),
      wrongType,
    ),
    ReportCaseInput: fc.oneof(
      { weight: 2, arbitrary: reportCase },
      oneFieldHostile(reportCase, {
        category: fc.constantFrom('NEIGHBOUR', 'neighbour ', '邻里'),
        lon: hostileCoordinate,
        lat: hostileCoordinate,
        note: fc.oneof(nastyString, fc.constant('长'.repeat(2001))),
        location: notAPoint,
      }),
      reportCase.map((r) => ({ ...r, lon: 100.5, lat: 30.5 })),
      wrongType,
      nastyString,
    ),
    CameraStatusUpdate: fc.oneof(
      { weight: 2, arbitrary: heartbeat },
      oneFieldHostile(heartbeat, {
        id: fc.oneof(fc.constantFrom('37170200001320000001', '3717020000131500000'), hostileId(known)),
        status: fc.constantFrom('ONLINE', 'broken', ''),
        at: hostileDateTime,
        heading: fc.constantFrom(360, -1, 1e308),
      }),
      wrongType,
    ),
    RiskPointInput: fc.oneof(
      { weight: 2, arbitrary: riskPoint },
      oneFieldHostile(riskPoint, {
        name: fc.oneof(nastyString, fc.constant('名'.repeat(101))),
        category: fc.constantFrom('MARKET', 'market ', '学校', ...RISK_CATEGORIES.map((c) => `${c}\u202E`)),
        level: fc.oneof(hostileNumber, fc.constantFrom(0, 5, -1, '2', 2.5)),
        responsibleUnit: nastyString,
        lon: hostileCoordinate,
        lat: hostileCoordinate,
        location: notAPoint,
        gridCode: fc.constant('371702005003001'),
      }),
      riskPoint.map((r) => ({ ...r, lon: 100.5, lat: 30.5 })),
      wrongType,
      nastyString,
    ),
    GridPlanInput: fc.oneof({ weight: 2, arbitrary: gridPlan }, hostileGridPlan, wrongType),
    GridChangeInput: fc.oneof(
      { weight: 2, arbitrary: fc.constant(unchangedVillage) },
      // One grid of the village replaced by a hostile one, or a new grid the shape of an old one.
      fc
        .tuple(
          fc.nat(planning.grids.length - 1),
          fc.oneof(
            hostileGridPlan,
            gridPlan.map((g) => ({ ...g, code: null })),
          ),
        )
        .map(([i, bad]) => ({ ...unchangedVillage, grids: unchangedVillage.grids.map((g, j) => (i === j ? bad : g)) })),
      fc.record({
        villageCode: fc.oneof(fc.constantFrom(...UNIT_CODES), hostileId(known)),
        grids: fc.oneof(
          fc.constant(unchangedVillage.grids),
          fc.constant([]),
          fc.constant(Array.from({ length: 201 }, () => unchangedVillage.grids[0])),
          fc.array(hostileGridPlan, { maxLength: 3 }),
        ),
      }),
      wrongType,
      fc.constant(nested(50)),
    ),
    GridVersionInput: fc.oneof(
      { weight: 2, arbitrary: grid.map((g) => ({ code: g.code, version: g.version })) },
      fc.record({
        code: fc.oneof(fc.constantFrom(...GRID_CODES), hostileId(known)),
        version: fc.oneof(fc.constantFrom(0, 1, 2, -1, 2 ** 31), hostileNumber),
      }),
      wrongType,
    ),
  };
}
