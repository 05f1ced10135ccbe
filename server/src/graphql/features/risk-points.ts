/** Risk points (风险点位落图): filtered pages, the register's edits, and recording inspections. */
import { coversCode } from '../../auth/jurisdiction.js';
import type { AreaInput } from '../../domain/area-filter.js';
import { riskPointId } from '../../domain/codes.js';
import { textProblem } from '../../domain/text-safety.js';
import { RISK_CATEGORIES, RISK_LEVELS, type RiskLevel } from '../../domain/vocabulary.js';
import type { Queryable } from '../../db/database.js';
import { insertAuditEntry } from '../../db/queries/audit.js';
import { findGridAt } from '../../db/queries/grids.js';
import {
  deleteRiskPoint,
  findRiskPoint,
  findRiskPointsPage,
  insertRiskPoint,
  markRiskPointInspected,
  nextRiskPointSerial,
  riskPointExists,
  updateRiskPoint,
  type RiskPointFields,
  type RiskPointRow,
} from '../../db/queries/risk-points.js';
import { auditedMutation } from '../audited.js';
import { requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { badInput, conflict, notFound, notInYourGrids, outsideJurisdiction } from '../../errors.js';
import { areaFilter, coordinate, unitPrefix } from '../inputs.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';

const MAX_NAME = 100;
const MAX_NOTE = 2000;
/** Ids carry a 4-digit serial per village. */
const MAX_SERIAL = 9999;

/** Warning levels 1..4 by colour. */
export const RISK_LEVEL_NAMES: Readonly<Record<RiskLevel, string>> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' };

/** The audit operation of an inspection's free-text note, kept apart from the inspection's own record. */
export const INSPECTION_NOTE_OPERATION = 'recordInspection.note';

export const riskPointsTypeDefs = /* GraphQL */ `
  "The colour of a warning level."
  enum RiskLevelName {
    "Level 1, the most serious"
    red
    "Level 2"
    orange
    "Level 3"
    yellow
    "Level 4, the least serious"
    blue
  }

  "A key place, hazardous site or location of recurring disputes on the map (风险点位)."
  type RiskPoint {
    "The 12-digit code of the village it was registered in + 'R' + a 4-digit serial; kept when the point moves."
    id: ID!
    "The place's name."
    name: String!
    "What kind of place: ${RISK_CATEGORIES.join(', ')}."
    category: String!
    "Warning level, 1 (red, most serious) to 4 (blue)."
    level: Int!
    "The warning level's colour."
    levelName: RiskLevelName!
    "The unit responsible for the place."
    responsibleUnit: String!
    "When it was last inspected; null if never."
    lastInspectedAt: DateTime
    "The grid it lies in now."
    gridCode: ID!
    "Where it is, a GeoJSON Point in WGS-84."
    location: GeoJSON!
  }

  "One risk point in a page."
  type RiskPointEdge {
    "Pass as 'after' to continue after this risk point."
    cursor: String!
    "The risk point."
    node: RiskPoint!
  }

  "A page of risk points, by id."
  type RiskPointConnection {
    "All risk points matching the filter, across pages."
    totalCount: Int!
    "The risk points of this page."
    edges: [RiskPointEdge!]!
    "Whether there is more, and where to continue."
    pageInfo: PageInfo!
  }

  "A risk point as an operator registers or edits it; its grid is found from the location."
  input RiskPointInput {
    "The place's name (at most ${MAX_NAME} characters)."
    name: String!
    "One of: ${RISK_CATEGORIES.join(', ')}."
    category: String!
    "Warning level, 1 (red) to 4 (blue)."
    level: Int!
    "The unit responsible for the place (at most ${MAX_NAME} characters)."
    responsibleUnit: String!
    "Longitude, WGS-84."
    lon: Float!
    "Latitude, WGS-84."
    lat: Float!
  }

  extend type Query {
    "Risk points by id, in the area (unitCode is matched against the grid code), of any of the levels and categories."
    riskPoints(area: Area, level: [Int!], category: [String!], first: Int, after: String): RiskPointConnection!
  }

  extend type Mutation {
    "Registers a risk point in the grid at its location; its id takes the grid's village code and the next serial."
    createRiskPoint(input: RiskPointInput!): RiskPoint!
    "Replaces a risk point's details; moved to another village, it keeps its id."
    updateRiskPoint(id: ID!, input: RiskPointInput!): RiskPoint!
    "Removes a risk point from the register; true when it was removed."
    deleteRiskPoint(id: ID!): Boolean!
    "Records that the point was inspected now; the note (at most ${MAX_NOTE} characters) is kept in the audit record."
    recordInspection(riskPointId: ID!, note: String): RiskPoint!
  }
`;

const isRiskLevel = (n: number): n is RiskLevel => (RISK_LEVELS as readonly number[]).includes(n);
const isRiskCategory = (s: string) => (RISK_CATEGORIES as readonly string[]).includes(s);

function toRiskPoint(row: RiskPointRow) {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    level: row.level,
    levelName: RISK_LEVEL_NAMES[row.level as RiskLevel],
    responsibleUnit: row.responsible_unit,
    lastInspectedAt: row.last_inspected_at,
    gridCode: row.grid_code,
    location: { type: 'Point', coordinates: [row.lon, row.lat] },
  };
}

interface RiskPointInput {
  name: string;
  category: string;
  level: number;
  responsibleUnit: string;
  lon: number;
  lat: number;
}

function requiredText(field: string, value: string): string {
  const text = value.trim();
  if (!text) throw badInput(field, 'must not be blank');
  if (text.length > MAX_NAME) throw badInput(field, `is ${text.length} characters; at most ${MAX_NAME}`);
  const problem = textProblem(text);
  if (problem) throw badInput(field, problem);
  return text;
}

function checkCategory(field: string, category: string): void {
  if (!isRiskCategory(category)) {
    throw badInput(field, `"${category}" is not a risk point category; use one of ${RISK_CATEGORIES.join(', ')}`, {
      value: category,
    });
  }
}

function checkLevel(field: string, level: number): void {
  if (!isRiskLevel(level)) throw badInput(field, `${level} is not a warning level; use 1 (red) to 4 (blue)`);
}

/** The checked fields of an input and the current grid at its location, which must be inside the jurisdiction. */
async function riskPointFields(tx: Queryable, viewer: Viewer, input: RiskPointInput): Promise<RiskPointFields> {
  const name = requiredText('input.name', input.name);
  checkCategory('input.category', input.category);
  checkLevel('input.level', input.level);
  const responsibleUnit = requiredText('input.responsibleUnit', input.responsibleUnit);
  coordinate('input.lon/lat', input.lon, input.lat);
  const grid = await findGridAt(tx, input.lon, input.lat);
  if (!grid || !coversCode(viewer.jurisdiction, grid.code)) {
    throw notInYourGrids('input.lon/lat', input.lon, input.lat, grid !== null);
  }
  const { category, level, lon, lat } = input;
  return { name, category, level, responsibleUnit, gridCode: grid.code, lon, lat };
}

/** The risk point, locked, when it is inside the jurisdiction; NOT_FOUND otherwise, outside or not. */
async function ownRiskPoint(tx: Queryable, viewer: Viewer, id: string): Promise<RiskPointRow> {
  const row = await findRiskPoint(tx, id, viewer.prefix, true);
  if (row) return row;
  if (await riskPointExists(tx, id)) throw outsideJurisdiction('risk_point', id);
  throw notFound('risk_point', id);
}

interface RiskPointsArgs {
  area?: AreaInput | null;
  level?: number[] | null;
  category?: string[] | null;
  first?: number | null;
  after?: string | null;
}

export const riskPointsResolvers = {
  Query: {
    riskPoints: async (_: unknown, args: RiskPointsArgs, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      args.level?.forEach((level) => checkLevel('level', level));
      args.category?.forEach((category) => checkCategory('category', category));
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, 's') as [string] | null;
      const { rows, total } = await findRiskPointsPage(
        ctx.db,
        {
          prefix: viewer.prefix,
          area: await areaFilter(ctx.db, args.area),
          unitPrefix,
          levels: args.level ?? null,
          categories: args.category ?? null,
        },
        after && after[0],
        limit,
      );
      return toConnection(rows, limit, total, (r) => [r.id], toRiskPoint);
    },
  },
  Mutation: {
    createRiskPoint: async (_: unknown, { input }: { input: RiskPointInput }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'edit_risk_points');
      return auditedMutation(ctx, viewer, 'createRiskPoint', `${input.lon},${input.lat}`, async (tx) => {
        const fields = await riskPointFields(tx, viewer, input);
        const village = fields.gridCode.slice(0, 12);
        const serial = await nextRiskPointSerial(tx, village);
        if (serial > MAX_SERIAL) throw conflict(`village ${village} has used all ${MAX_SERIAL} risk point ids`);
        const id = riskPointId(village, serial);
        await insertRiskPoint(tx, id, fields);
        return toRiskPoint((await findRiskPoint(tx, id, viewer.prefix))!);
      });
    },
    updateRiskPoint: async (_: unknown, args: { id: string; input: RiskPointInput }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'edit_risk_points');
      return auditedMutation(ctx, viewer, 'updateRiskPoint', args.id, async (tx) => {
        await ownRiskPoint(tx, viewer, args.id);
        await updateRiskPoint(tx, args.id, await riskPointFields(tx, viewer, args.input));
        return toRiskPoint((await findRiskPoint(tx, args.id, viewer.prefix))!);
      });
    },
    deleteRiskPoint: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'edit_risk_points');
      return auditedMutation(ctx, viewer, 'deleteRiskPoint', id, async (tx) => {
        await ownRiskPoint(tx, viewer, id);
        await deleteRiskPoint(tx, id);
        return true;
      });
    },
    recordInspection: async (_: unknown, args: { riskPointId: string; note?: string | null }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'record_inspection');
      const now = ctx.now();
      return auditedMutation(ctx, viewer, 'recordInspection', args.riskPointId, async (tx) => {
        const note = args.note?.trim() || null;
        if (note && note.length > MAX_NOTE) throw badInput('note', `is ${note.length} characters; at most ${MAX_NOTE}`);
        await ownRiskPoint(tx, viewer, args.riskPointId);
        await markRiskPointInspected(tx, args.riskPointId, now);
        // There is no inspection table yet; the note goes to the audit record, in the same transaction.
        if (note) {
          await insertAuditEntry(tx, {
            username: viewer.username,
            operation: INSPECTION_NOTE_OPERATION,
            target: args.riskPointId,
            success: true,
            detail: note,
          });
        }
        return toRiskPoint((await findRiskPoint(tx, args.riskPointId, viewer.prefix))!);
      });
    },
  },
};
