/**
 * The grid planner (issue 6): judge a proposed partition of a village, commit it as new grid
 * versions, revert it, read the history; split and merge helpers. Edits need edit_grids inside
 * the viewer's jurisdiction. The schema is in grid-planning-schema.ts.
 */
import { coversCode } from '../../auth/jurisdiction.js';
import type { Queryable } from '../../db/database.js';
import { findGeometryValidity } from '../../db/queries/geometry.js';
import {
  findChangeGrids,
  findChangeTouching,
  findCurrentGridShapes,
  findCurrentVillageGrids,
  findGridChange,
  findGridChanges,
  findGridVersionsGeoJSON,
  findPlanningSettingsJson,
  findPlanningVillage,
  findVillageGeoJSON,
  type ChangeGridRow,
  type GridChangeRow,
} from '../../db/queries/grid-change-history.js';
import { mergePolygons, splitPolygon, SplitError } from '../../db/queries/grid-changes.js';
import { findGridGeoJSON } from '../../db/queries/grids.js';
import { geometryProblem } from '../../domain/geojson-checks.js';
import type { GridPlanInput } from '../../domain/grid-planning/proposal.js';
import { parsePlanningSettings, polsbyPopper, type PlanningSettings } from '../../domain/grid-planning/rules.js';
import { auditedMutation } from '../audited.js';
import { requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { badInput, conflict, forbidden, notFound, outsideJurisdiction } from '../../errors.js';
import { simplifyToleranceDegrees } from './admin-units.js';
import { subscriptionPrefix } from './live.js';
import { commitGridChangeIn } from './grid-planning-commit.js';
import { judgeProposal } from './grid-planning-judge.js';

export { gridPlanningTypeDefs } from './grid-planning-schema.js';

interface ChangeInput {
  villageCode: string;
  grids: GridPlanInput[];
}

async function settingsOf(db: Queryable): Promise<PlanningSettings> {
  return parsePlanningSettings(await findPlanningSettingsJson(db));
}

/** A village the viewer may plan: edit_grids, a village code inside the jurisdiction. */
async function plannableVillage(ctx: GraphQLContext, db: Queryable, code: string, field: string, lock = false) {
  const viewer = requirePermission(ctx, 'edit_grids');
  if (!/^\d{12}$/.test(code)) throw badInput(field, `"${code}" is not a 12-digit village code`);
  if (!coversCode(viewer.jurisdiction, code)) throw outsideJurisdiction(`village ${code}`);
  const village = await findPlanningVillage(db, code, lock);
  if (!village) throw notFound(`village ${code}`);
  return { viewer, village };
}

function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '' || trimmed.length > 1000) throw badInput('reason', 'say why, in 1 to 1000 characters');
  return trimmed;
}

/** A well-formed, PostGIS-valid geometry of the type, or a BAD_USER_INPUT naming the field and place. */
async function validGeometry(db: Queryable, field: string, geometry: unknown, type: 'Polygon' | 'LineString') {
  const problem = geometryProblem(geometry, type);
  if (problem) throw badInput(field, problem);
  const validity = await findGeometryValidity(db, geometry);
  if (!validity.valid) {
    throw badInput(field, `invalid geometry: ${validity.reason}`, { location: validity.location });
  }
}

const toChange = (row: GridChangeRow) => ({
  id: row.id,
  villageCode: row.village_code,
  kind: row.kind,
  author: row.author,
  at: row.at,
  reason: row.reason,
  effectiveFrom: row.effective_from,
  revertsChangeId: row.reverts_change_id,
  revertedByChangeId: row.reverted_by_change_id,
  casesMoved: row.impact.casesMoved,
  camerasMoved: row.impact.camerasMoved,
  riskPointsMoved: row.impact.riskPointsMoved,
  householdsMoved: row.impact.householdsMoved,
});

async function changeOrThrow(db: Queryable, id: string, viewer: Viewer) {
  const row = await findGridChange(db, id, viewer.prefix);
  if (!row) throw notFound(`grid change ${id}`);
  return toChange(row);
}

/** Reads the committed change back and tells live subscribers (after the commit, never before). */
async function committed(ctx: GraphQLContext, id: string, viewer: Viewer) {
  const change = await changeOrThrow(ctx.db, id, viewer);
  ctx.events.publish('gridsChanged', {
    villageCode: change.villageCode,
    changeId: change.id,
    kind: change.kind,
    author: change.author,
    at: change.at,
  });
  return change;
}

export const gridPlanningResolvers = {
  GridChange: {
    before: (c: { id: string }, _: unknown, ctx: GraphQLContext) => findChangeGrids(ctx.db, c.id, 'before'),
    after: (c: { id: string }, _: unknown, ctx: GraphQLContext) => findChangeGrids(ctx.db, c.id, 'after'),
  },
  GridChangeGrid: {
    areaSquareMeters: (g: ChangeGridRow) => g.area,
    geometry: (g: ChangeGridRow, args: { simplifyMeters?: number | null }, ctx: GraphQLContext) =>
      findGridGeoJSON(ctx.db, g.code, g.version, simplifyToleranceDegrees(args.simplifyMeters)),
  },
  Subscription: {
    gridsChanged: {
      subscribe: (_: unknown, args: { unitCode?: string }, ctx: GraphQLContext) => {
        const prefix = subscriptionPrefix(ctx, args.unitCode);
        return ctx.events.subscribe('gridsChanged', (e) => e.villageCode.startsWith(prefix));
      },
      resolve: (event: unknown) => event,
    },
  },
  Query: {
    gridPlanningSettings: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requireViewer(ctx);
      return settingsOf(ctx.db);
    },
    gridPlanningBase: async (_: unknown, { villageCode }: { villageCode: string }, ctx: GraphQLContext) => {
      const { village } = await plannableVillage(ctx, ctx.db, villageCode, 'villageCode');
      const current = await findCurrentVillageGrids(ctx.db, village.code);
      const shapes = new Map((await findCurrentGridShapes(ctx.db, village.code)).map((s) => [s.code, s]));
      const grids = current.map((g) => {
        const shape = shapes.get(g.code)!;
        return {
          grid: {
            code: g.code,
            villageCode: village.code,
            name: g.name,
            kind: g.kind,
            households: g.households,
            population: g.population,
            staff: g.staff,
            version: g.version,
            validFrom: g.valid_from,
            validTo: null,
          },
          geometry: JSON.parse(shape.geojson),
          areaSquareMeters: shape.area,
          compactness: polsbyPopper(shape.area, shape.perimeter),
        };
      });
      return {
        villageCode: village.code,
        villageName: village.name,
        villageGeometry: JSON.parse((await findVillageGeoJSON(ctx.db, village.code))!),
        grids,
        baseVersions: current.map((g) => ({ code: g.code, version: g.version })),
      };
    },
    proposeGridChange: async (_: unknown, { input }: { input: ChangeInput }, ctx: GraphQLContext) => {
      const { village } = await plannableVillage(ctx, ctx.db, input.villageCode, 'input.villageCode');
      const settings = await settingsOf(ctx.db);
      // One read-only transaction: one snapshot for the judge's reads (see judgeProposal).
      const indexAt = ctx.now();
      return ctx.db.transaction((tx) => judgeProposal(tx, village, input.grids, settings, undefined, { indexAt }));
    },
    gridChanges: async (_: unknown, args: { villageCode: string; first?: number | null }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      if (!coversCode(viewer.jurisdiction, args.villageCode)) {
        throw forbidden(`village ${args.villageCode} is outside your jurisdiction`);
      }
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > 200) throw badInput('first', 'must be 1 to 200');
      return (await findGridChanges(ctx.db, args.villageCode, first)).map(toChange);
    },
    gridChange: async (_: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const row = await findGridChange(ctx.db, id, viewer.prefix);
      return row && toChange(row);
    },
    splitGridGeometry: async (_: unknown, args: { polygon: unknown; line: unknown }, ctx: GraphQLContext) => {
      requirePermission(ctx, 'edit_grids');
      await validGeometry(ctx.db, 'polygon', args.polygon, 'Polygon');
      await validGeometry(ctx.db, 'line', args.line, 'LineString');
      try {
        return (await splitPolygon(ctx.db, args.polygon, args.line)).map((p) => JSON.parse(p));
      } catch (error) {
        if (error instanceof SplitError) throw badInput('line', error.message);
        throw error;
      }
    },
    mergeGridGeometries: async (_: unknown, { polygons }: { polygons: unknown[] }, ctx: GraphQLContext) => {
      requirePermission(ctx, 'edit_grids');
      if (polygons.length < 2 || polygons.length > 50) throw badInput('polygons', 'merge 2 to 50 polygons');
      for (const [i, p] of polygons.entries()) await validGeometry(ctx.db, `polygons[${i}]`, p, 'Polygon');
      const merged = await mergePolygons(ctx.db, polygons);
      if (!merged) throw badInput('polygons', 'the polygons are not adjacent: their union is not one polygon');
      return JSON.parse(merged);
    },
  },
  Mutation: {
    commitGridChange: async (
      _: unknown,
      args: {
        input: ChangeInput;
        expectedVersions: { code: string; version: number }[];
        effectiveFrom?: Date | null;
        reason: string;
        confirmWarnings?: boolean | null;
      },
      ctx: GraphQLContext,
    ) => {
      const { viewer } = await plannableVillage(ctx, ctx.db, args.input.villageCode, 'input.villageCode');
      const reason = checkReason(args.reason);
      const now = ctx.now();
      const settings = await settingsOf(ctx.db);
      const id = await auditedMutation(ctx, viewer, 'commitGridChange', args.input.villageCode, (tx) =>
        commitGridChangeIn(tx, {
          villageCode: args.input.villageCode,
          grids: args.input.grids,
          expectedVersions: args.expectedVersions,
          effectiveFrom: args.effectiveFrom ?? now,
          reason,
          confirmWarnings: args.confirmWarnings === true,
          author: viewer.username,
          now,
          settings,
        }),
      );
      return committed(ctx, id, viewer);
    },
    revertGridChange: async (_: unknown, args: { id: string; reason: string }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'edit_grids');
      const reason = checkReason(args.reason);
      const now = ctx.now();
      const settings = await settingsOf(ctx.db);
      const id = await auditedMutation(ctx, viewer, 'revertGridChange', args.id, async (tx) => {
        const change = await findGridChange(tx, args.id, viewer.prefix);
        if (!change) throw notFound(`grid change ${args.id}`);
        await plannableVillage(ctx, tx, change.village_code, 'id', true);
        if (change.reverted_by_change_id) {
          throw conflict(`change #${change.id} was already reverted by change #${change.reverted_by_change_id}`, {
            changeId: change.reverted_by_change_id,
          });
        }
        const made = await findChangeGrids(tx, change.id, 'after');
        for (const g of made.filter((m) => m.valid_to !== null)) {
          const later = await findChangeTouching(tx, g.code, g.version);
          throw conflict(
            `grid ${g.code} was changed again by change #${later?.id} (${later?.author}, ${later?.at.toISOString()}); revert that first`,
            { changeId: later?.id ?? null, author: later?.author ?? null, at: later?.at.toISOString() ?? null },
          );
        }
        const closed = await findChangeGrids(tx, change.id, 'before');
        const madeCodes = new Set(made.map((g) => g.code));
        const current = await findCurrentVillageGrids(tx, change.village_code);
        const kept = current.filter((g) => !madeCodes.has(g.code));
        const shapes = await findGridVersionsGeoJSON(tx, [...kept, ...closed]);
        const grids: GridPlanInput[] = [...kept, ...closed].map((g) => ({
          code: g.code,
          geometry: JSON.parse(shapes.get(`${g.code}:${g.version}`)!),
          name: g.name,
          kind: g.kind,
          households: g.households,
          population: g.population,
        }));
        return commitGridChangeIn(tx, {
          villageCode: change.village_code,
          grids,
          expectedVersions: current.map((g) => ({ code: g.code, version: g.version })),
          effectiveFrom: now,
          reason,
          confirmWarnings: true,
          author: viewer.username,
          now,
          settings,
          revert: { changeId: change.id, restorable: new Map(closed.map((g) => [g.code, g])) },
        });
      });
      return committed(ctx, id, viewer);
    },
  },
};
