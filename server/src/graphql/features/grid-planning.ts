/**
 * The grid planner (issue 6): judge a proposed partition of a village, commit it as new grid
 * versions, revert it, read the history; split and merge helpers. Edits need edit_grids inside
 * the viewer's jurisdiction. The schema is in grid-planning-schema.ts.
 */
import { coversCode } from '../../auth/jurisdiction.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Queryable } from '../../db/database.js';
import {
  findChangeGrids,
  findGridChange,
  findGridChanges,
  type ChangeGridRow,
  type GridChangeRow,
} from '../../db/queries/grid-change-history.js';
import { findGridGeoJSON } from '../../db/queries/grids.js';
import type { GridPlanInput } from '../../domain/grid-planning/proposal.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import { commitGridChangeIn } from '../../planning/commit.js';
import { mergeGridGeometries, splitGridGeometry } from '../../planning/geometry.js';
import { judgeProposal } from '../../planning/judge.js';
import { revertGridChangeIn } from '../../planning/revert.js';
import { checkReason, planningBase, planningSettings, plannableVillage } from '../../planning/village.js';
import { auditedMutation } from '../audited.js';
import { requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import { simplifyToleranceDegrees } from './admin-units.js';
import { subscriptionPrefix } from './live.js';

export { gridPlanningTypeDefs } from './grid-planning-schema.js';

interface ChangeInput {
  villageCode: string;
  grids: GridPlanInput[];
}

/** A village the viewer may plan: edit_grids, a village code inside the jurisdiction. */
async function plannable(ctx: GraphQLContext, code: string, field: string) {
  const viewer = requirePermission(ctx, 'edit_grids');
  return { viewer, village: await plannableVillage(ctx.db, viewer, code, field) };
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
  if (!row) throw notFound('grid_change', id);
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
      return planningSettings(ctx.db);
    },
    gridPlanningBase: async (_: unknown, { villageCode }: { villageCode: string }, ctx: GraphQLContext) => {
      const { village } = await plannable(ctx, villageCode, 'villageCode');
      return planningBase(ctx.db, village);
    },
    proposeGridChange: async (_: unknown, { input }: { input: ChangeInput }, ctx: GraphQLContext) => {
      const { village } = await plannable(ctx, input.villageCode, 'input.villageCode');
      const settings = await planningSettings(ctx.db);
      // One read-only transaction: one snapshot for the judge's reads (see judgeProposal).
      const indexAt = ctx.now();
      return ctx.db.transaction((tx) => judgeProposal(tx, village, input.grids, settings, undefined, { indexAt }));
    },
    gridChanges: async (_: unknown, args: { villageCode: string; first?: number | null }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      if (!coversCode(viewer.jurisdiction, args.villageCode)) {
        throw forbidden(`village ${args.villageCode} is outside your jurisdiction`, {
          reason: 'outside_jurisdiction',
          params: { unit: args.villageCode },
        });
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
      return splitGridGeometry(ctx.db, args.polygon, args.line);
    },
    mergeGridGeometries: async (_: unknown, { polygons }: { polygons: unknown[] }, ctx: GraphQLContext) => {
      requirePermission(ctx, 'edit_grids');
      return mergeGridGeometries(ctx.db, polygons);
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
      const { viewer } = await plannable(ctx, args.input.villageCode, 'input.villageCode');
      const reason = checkReason(args.reason);
      const now = ctx.now();
      const settings = await planningSettings(ctx.db);
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
      const settings = await planningSettings(ctx.db);
      const id = await auditedMutation(ctx, viewer, 'revertGridChange', args.id, (tx) =>
        revertGridChangeIn(tx, { changeId: args.id, reason, viewer, now, settings }),
      );
      return committed(ctx, id, viewer);
    },
  },
};
