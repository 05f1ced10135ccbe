/** Administrative units: one unit with its parent, children, boundary and contents; lists by parent and level. */
import { adminLevelOfCode } from '../../domain/codes.js';
import type { AdminLevel } from '../../domain/vocabulary.js';
import {
  countInsideUnits,
  findAdminUnit,
  findAdminUnitGeoJSONs,
  findAdminUnits,
  type AdminUnitRow,
} from '../../db/queries/admin-units.js';
import { batchLoad } from '../batch.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { badInput } from '../../errors.js';
import { unitPrefix } from '../inputs.js';

/** The largest simplification tolerance: beyond it a township's outline is no longer recognisable. */
export const MAX_SIMPLIFY_METERS = 5000;

/**
 * Metres in a degree of longitude at the equator, the longest degree anywhere: converting with it
 * never simplifies more than asked, in either direction, at any latitude.
 */
const METERS_PER_DEGREE = 111_320;

export const adminUnitsTypeDefs = /* GraphQL */ `
  "The levels of administrative units on the map."
  enum AdminLevel {
    "市 city (prefecture level)"
    city
    "县/区 county or district, including development zones with their own code"
    county
    "乡镇/街道 township or street"
    township
    "村/社区 village or community"
    village
  }

  "What lies inside an administrative unit, counted by code."
  type AdminUnitCounts {
    "Current grids."
    grids: Int!
    "Cameras in the unit's grids."
    cameras: Int!
    "Risk points in the unit's grids."
    riskPoints: Int!
    "Cases not yet closed (before 案结事了 resolved)."
    openCases: Int!
  }

  "An administrative unit (行政区划): the city, a county, a township or a village."
  type AdminUnit {
    "The 12-digit statistical division code."
    code: ID!
    "The level, as the code's zero padding says."
    level: AdminLevel!
    "The official name."
    name: String!
    "The code of the unit one level up; null for the city."
    parentCode: ID
    "The unit one level up; null for the city and when it lies outside your jurisdiction."
    parent: AdminUnit
    "The units one level down, by code."
    children: [AdminUnit!]!
    "Resident population."
    population: Int!
    "Registered households."
    households: Int!
    """
    The boundary, a GeoJSON MultiPolygon in WGS-84. simplifyMeters (0 to ${MAX_SIMPLIFY_METERS} metres; default 0,
    as stored) drops vertices that move the outline by less than that, keeping rings valid; about
    200 suits a whole-city view, about 20 a township.
    """
    geometry(simplifyMeters: Float): GeoJSON!
    "What lies inside the unit."
    counts: AdminUnitCounts!
  }

  extend type Query {
    "An administrative unit, or null when it does not exist or lies outside your jurisdiction."
    adminUnit(code: ID!): AdminUnit
    "Administrative units inside your jurisdiction, by code; parentCode and level narrow the list."
    adminUnits(parentCode: ID, level: AdminLevel): [AdminUnit!]!
  }
`;

/** The ST_SimplifyPreserveTopology tolerance in degrees for a `simplifyMeters` argument; 0 means as stored. */
export function simplifyToleranceDegrees(simplifyMeters: number | null | undefined): number {
  if (simplifyMeters == null) return 0;
  if (!Number.isFinite(simplifyMeters) || simplifyMeters < 0 || simplifyMeters > MAX_SIMPLIFY_METERS) {
    throw badInput('simplifyMeters', `must be from 0 to ${MAX_SIMPLIFY_METERS} metres, got ${simplifyMeters}`);
  }
  return simplifyMeters / METERS_PER_DEGREE;
}

interface AdminUnit {
  code: string;
  level: string;
  name: string;
  parentCode: string | null;
  population: number;
  households: number;
}

function toAdminUnit(row: AdminUnitRow): AdminUnit {
  return {
    code: row.code,
    level: row.level,
    name: row.name,
    parentCode: row.parent_code,
    population: row.population,
    households: row.households,
  };
}

export const adminUnitsResolvers = {
  AdminUnit: {
    parent: async (unit: AdminUnit, _: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      if (unit.parentCode === null) return null;
      const row = await findAdminUnit(ctx.db, unit.parentCode, viewer.prefix);
      return row && toAdminUnit(row);
    },
    children: async (unit: AdminUnit, _: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const rows = await findAdminUnits(ctx.db, { prefix: viewer.prefix, parentCode: unit.code, level: null });
      return rows.map(toAdminUnit);
    },
    geometry: async (unit: AdminUnit, args: { simplifyMeters?: number | null }, ctx: GraphQLContext) => {
      requireViewer(ctx);
      const tolerance = simplifyToleranceDegrees(args.simplifyMeters);
      const geojson = await batchLoad(ctx, `geometry:${tolerance}`, unit.code, (codes) =>
        findAdminUnitGeoJSONs(ctx.db, codes, tolerance),
      );
      return geojson ?? null;
    },
    // The unit is inside the jurisdiction (or it would not have been returned), so its
    // prefix is at least as narrow as the viewer's.
    counts: async (unit: AdminUnit, _: unknown, ctx: GraphQLContext) => {
      requireViewer(ctx);
      const counts = await batchLoad(ctx, 'counts', unitPrefix(unit.code), (prefixes) =>
        countInsideUnits(ctx.db, prefixes),
      );
      return counts!;
    },
  },
  Query: {
    adminUnit: async (_: unknown, { code }: { code: string }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const row = await findAdminUnit(ctx.db, code, viewer.prefix);
      return row && toAdminUnit(row);
    },
    adminUnits: async (
      _: unknown,
      args: { parentCode?: string | null; level?: AdminLevel | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireViewer(ctx);
      const parentCode = args.parentCode ?? null;
      if (parentCode !== null && adminLevelOfCode(parentCode) === null) {
        throw badInput('parentCode', `"${parentCode}" is not a 12-digit division code`);
      }
      const rows = await findAdminUnits(ctx.db, { prefix: viewer.prefix, parentCode, level: args.level ?? null });
      return rows.map(toAdminUnit);
    },
  },
};
