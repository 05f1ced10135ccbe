/**
 * Live subscriptions over graphql-ws on /graphql. The token goes in connection_init
 * ({ "authorization": "Bearer <token>" }); events are filtered to the viewer's jurisdiction
 * and the optional unit. A client that reconnects has missed events: it refetches a snapshot
 * (cases, summary) and then subscribes again.
 */
import { narrowToJurisdiction } from '../../auth/jurisdiction.js';
import { findCamera } from '../../db/queries/cameras.js';
import { findCase } from '../../db/queries/cases.js';
import type { LiveEvents } from '../../events/bus.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { adminLevelOfCode } from '../../domain/codes.js';
import { badInput } from '../../errors.js';
import { unitPrefix } from '../inputs.js';
import { toCamera } from './cameras.js';
import { toCase } from './cases.js';

export const liveTypeDefs = /* GraphQL */ `
  type Subscription {
    """
    Every move of a case inside your jurisdiction (and inside unitCode when given), as it
    happens. After a reconnect, refetch what you show: events missed meanwhile are not replayed.
    """
    caseChanged(unitCode: ID): CaseEvent!
    "Cameras inside your jurisdiction (and unitCode) whose status changed (online, offline, fault)."
    cameraStatusChanged(unitCode: ID): Camera!
  }

  extend type CaseEvent {
    "The case after the move (null if it is no longer visible to you)."
    case: Case
  }
`;

/** The code prefix a subscription listens to: the unit asked for, inside the jurisdiction. */
export function subscriptionPrefix(ctx: GraphQLContext, unitCode: string | null | undefined): string {
  const viewer = requireViewer(ctx);
  // A grid or other longer code would pass the prefix test below and then fail as an internal error.
  if (unitCode != null && adminLevelOfCode(unitCode) === null) {
    throw badInput('unitCode', `"${unitCode}" is not a 12-digit division code`);
  }
  const narrowed = narrowToJurisdiction(viewer.jurisdiction, unitCode ?? null);
  if (!narrowed.ok)
    throw badInput(
      'unitCode',
      `${unitCode} is not a unit inside your jurisdiction`,
      {},
      {
        reason: 'outside_jurisdiction',
        params: { unit: unitCode ?? null },
      },
    );
  return unitPrefix(narrowed.value);
}

export const liveResolvers = {
  Subscription: {
    caseChanged: {
      subscribe: (_: unknown, args: { unitCode?: string }, ctx: GraphQLContext) => {
        const prefix = subscriptionPrefix(ctx, args.unitCode);
        return ctx.events.subscribe('caseChanged', (e) => e.villageCode.startsWith(prefix));
      },
      resolve: (event: unknown) => event,
    },
    cameraStatusChanged: {
      subscribe: (_: unknown, args: { unitCode?: string }, ctx: GraphQLContext) => {
        const prefix = subscriptionPrefix(ctx, args.unitCode);
        return ctx.events.subscribe('cameraStatusChanged', (e) => e.gridCode.startsWith(prefix));
      },
      resolve: async (event: LiveEvents['cameraStatusChanged'], _: unknown, ctx: GraphQLContext) => {
        const row = await findCamera(ctx.db, event.id, requireViewer(ctx).prefix);
        // The event passed the jurisdiction filter, so the camera is visible unless just deleted.
        return row
          ? toCamera(row)
          : { id: event.id, gridCode: event.gridCode, status: event.status, lastSeen: event.at };
      },
    },
  },
  CaseEvent: {
    case: async (e: { caseCode: string }, _: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const row = await findCase(ctx.db, e.caseCode, viewer.prefix, false, viewer.departmentCode);
      return row && toCase(row, ctx.now());
    },
  },
};
