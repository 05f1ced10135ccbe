/** Grids (网格): one current grid with its boundary and contents, and filtered pages of them. */
import type { AreaInput } from '../../domain/area-filter.js';
import {
  countInsideGrid,
  findCurrentGrid,
  findCurrentGridsPage,
  findGridGeoJSON,
  type GridRow,
} from '../../db/queries/grids.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { areaFilter, unitPrefix } from '../inputs.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';
import { MAX_SIMPLIFY_METERS, simplifyToleranceDegrees } from './admin-units.js';

export const gridsTypeDefs = /* GraphQL */ `
  "What a grid is for."
  enum GridKind {
    "综合网格: a comprehensive grid covering homes and everything else"
    comprehensive
    "专属网格: a dedicated grid for one site such as a school, hospital or industrial park"
    dedicated
  }

  "The people who work a grid, the 1+N+N model."
  type GridStaff {
    "The grid head (网格长): 0 or 1."
    head: Int!
    "Grid workers (网格员)."
    workers: Int!
    "Volunteers."
    volunteers: Int!
  }

  "What is assigned to a grid."
  type GridCounts {
    "Cameras in the grid."
    cameras: Int!
    "Risk points in the grid."
    riskPoints: Int!
    "Cases in the grid not yet closed (before 案结事了 resolved)."
    openCases: Int!
  }

  "A grid (网格), the basic unit of governance, inside one village or community."
  type Grid {
    "The 12-digit village code + a 3-digit serial."
    code: ID!
    "The village or community the grid lies in."
    villageCode: ID!
    "The grid's name."
    name: String!
    "Comprehensive or dedicated."
    kind: GridKind!
    "Households living in the grid."
    households: Int!
    "People living in the grid."
    population: Int!
    "Who works the grid."
    staff: GridStaff!
    "Grids are redrawn as versions; this is the number of this one."
    version: Int!
    "When this version took effect."
    validFrom: DateTime!
    "When this version was replaced; null while it is current."
    validTo: DateTime
    """
    The boundary, a GeoJSON Polygon in WGS-84. simplifyMeters (0 to ${MAX_SIMPLIFY_METERS} metres;
    default 0, as stored) drops vertices that move the outline by less than that.
    """
    geometry(simplifyMeters: Float): GeoJSON!
    "What is assigned to the grid."
    counts: GridCounts!
  }

  "One grid in a page."
  type GridEdge {
    "Pass as 'after' to continue after this grid."
    cursor: String!
    "The grid."
    node: Grid!
  }

  "A page of grids, by code."
  type GridConnection {
    "All grids matching the filter, across pages."
    totalCount: Int!
    "The grids of this page."
    edges: [GridEdge!]!
    "Whether there is more, and where to continue."
    pageInfo: PageInfo!
  }

  extend type Query {
    "The current version of a grid, or null when there is none or it lies outside your jurisdiction."
    grid(code: ID!): Grid
    "Current grids by code, in the area (unitCode is matched against the grid code)."
    grids(area: Area, first: Int, after: String): GridConnection!
  }
`;

interface Grid {
  code: string;
  villageCode: string;
  name: string;
  kind: string;
  households: number;
  population: number;
  staff: { head: number; workers: number; volunteers: number };
  version: number;
  validFrom: Date;
  validTo: Date | null;
}

function toGrid(row: GridRow): Grid {
  return {
    code: row.code,
    villageCode: row.village_code,
    name: row.name,
    kind: row.kind,
    households: row.households,
    population: row.population,
    staff: { head: row.staff.head, workers: row.staff.workers, volunteers: row.staff.volunteers },
    version: row.version,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

export const gridsResolvers = {
  Grid: {
    geometry: (grid: Grid, args: { simplifyMeters?: number | null }, ctx: GraphQLContext) => {
      requireViewer(ctx);
      return findGridGeoJSON(ctx.db, grid.code, grid.version, simplifyToleranceDegrees(args.simplifyMeters));
    },
    // Only grids inside the jurisdiction are ever returned, so what they hold is inside it too.
    counts: (grid: Grid, _: unknown, ctx: GraphQLContext) => {
      requireViewer(ctx);
      return countInsideGrid(ctx.db, grid.code);
    },
  },
  Query: {
    grid: async (_: unknown, { code }: { code: string }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const row = await findCurrentGrid(ctx.db, code, viewer.prefix);
      return row && toGrid(row);
    },
    grids: async (
      _: unknown,
      args: { area?: AreaInput | null; first?: number | null; after?: string | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireViewer(ctx);
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, 's') as [string] | null;
      const { rows, total } = await findCurrentGridsPage(
        ctx.db,
        { prefix: viewer.prefix, area: await areaFilter(ctx.db, args.area), unitPrefix },
        after && after[0],
        limit,
      );
      return toConnection(
        rows,
        limit,
        total,
        (r) => [r.code],
        (r) => toGrid(r),
      );
    },
  },
};
