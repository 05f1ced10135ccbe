/** Supervision orders (督办): issuing one, the concerned city's answers, and the list. */
import { narrowToJurisdiction } from '../../auth/jurisdiction.js';
import { can } from '../../auth/roles.js';
import {
  findSupervisionOrders,
  findSupervisionResponses,
  type SupervisionOrderRow,
} from '../../db/queries/supervision.js';
import { adminLevelOfCode, isProvinceCode } from '../../domain/codes.js';
import { actorFor, noteFor, type Exposure } from '../../domain/personal-data.js';
import { isSupervisionOverdue, type SupervisionState, type SupervisionStep } from '../../domain/supervision.js';
import { badInput, notFound } from '../../errors.js';
import { checkDeadline, checkSupervisionText } from '../../supervision/checks.js';
import { issueSupervisionOrderIn } from '../../supervision/issue.js';
import { respondToSupervisionOrderIn } from '../../supervision/respond.js';
import { auditedMutation } from '../audited.js';
import { requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import { unitPrefix } from '../inputs.js';
import { pageSize } from '../pagination.js';

export const supervisionTypeDefs = /* GraphQL */ `
  "Where a supervision order stands: open, acknowledged by the city, closed by the city."
  enum SupervisionState {
    open
    acknowledged
    closed
  }

  "A leader's demand on a unit or a case, with a deadline (督办). See docs/federation.md."
  type SupervisionOrder {
    "The target's 12-digit unit (a case's village), P (province) or C (city), a 6-digit serial."
    code: ID!
    targetKind: String!
    "The unit's 12-digit code or the case's 24-digit code."
    targetCode: ID!
    "The four digits of the city that answers it."
    targetCity: String!
    "Where it was issued: province or city."
    issuerLevel: String!
    issuedBy: String!
    issuedAt: DateTime!
    demand: String!
    deadline: DateTime!
    state: SupervisionState!
    "Not closed and past its deadline, now."
    overdue: Boolean!
    "Optimistic-locking version (the number of answers); pass it back as expectedVersion."
    version: Int!
    "The city's answers, oldest first."
    responses: [SupervisionResponse!]!
  }

  "One answer of the concerned city."
  type SupervisionResponse {
    seq: Int!
    "acknowledged or closed."
    kind: String!
    respondedBy: String!
    at: DateTime!
    note: String
  }

  extend type Query {
    """
    Supervision orders on units and cases inside your jurisdiction (and inside unitCode when
    given), in the given state when given, nearest deadline first; at most first (default 50).
    """
    supervisionOrders(unitCode: ID, state: SupervisionState, first: Int): [SupervisionOrder!]!
  }

  extend type Mutation {
    """
    Issues a supervision order (leaders of a city or the province): target is a 12-digit unit
    code or a 24-digit case code inside your jurisdiction; the deadline lies ahead.
    """
    issueSupervisionOrder(target: ID!, demand: String!, deadline: DateTime!): SupervisionOrder!
    "The concerned city acknowledges an open order; expectedVersion as read (else CONFLICT)."
    acknowledgeSupervisionOrder(code: ID!, expectedVersion: Int!, note: String): SupervisionOrder!
    "The concerned city closes an acknowledged order with its answer; expectedVersion as read (else CONFLICT)."
    closeSupervisionOrder(code: ID!, expectedVersion: Int!, note: String!): SupervisionOrder!
  }
`;

/** The wall screen sees no account names; the leaders who answer see their colleagues'. */
function exposureOf(ctx: GraphQLContext): Exposure {
  const role = requireViewer(ctx).role;
  if (role === 'kiosk') return 'shared_screen';
  return can(role, 'supervise') ? 'handler' : 'colleague';
}

function toOrder(row: SupervisionOrderRow, now: Date) {
  return {
    code: row.code,
    targetKind: row.target_kind,
    targetCode: row.target_code,
    targetCity: row.target_city,
    issuerLevel: row.issuer_level,
    issuedBy: row.issued_by,
    issuedAt: row.issued_at,
    demand: row.demand,
    deadline: row.deadline,
    state: row.state,
    overdue: isSupervisionOverdue(row.state, row.deadline, now),
    version: row.responses,
  };
}

interface RespondArgs {
  code: string;
  expectedVersion: number;
  note?: string | null;
}

async function respond(ctx: GraphQLContext, step: SupervisionStep, operation: string, args: RespondArgs) {
  const viewer = requirePermission(ctx, 'supervise');
  const note = checkSupervisionText('note', args.note, step === 'closed');
  const now = ctx.now();
  return auditedMutation(ctx, viewer, operation, args.code, async (tx) =>
    toOrder(await respondToSupervisionOrderIn(tx, { ...args, step, note, viewer, now }), now),
  );
}

export const supervisionResolvers = {
  SupervisionOrder: {
    issuedBy: (o: { issuedBy: string }, _: unknown, ctx: GraphQLContext) => actorFor(o.issuedBy, exposureOf(ctx)),
    responses: async (o: { code: string }, _: unknown, ctx: GraphQLContext) =>
      (await findSupervisionResponses(ctx.db, o.code)).map((r) => ({
        seq: r.seq,
        kind: r.kind,
        respondedBy: r.responded_by,
        at: r.at,
        note: r.note,
      })),
  },
  SupervisionResponse: {
    respondedBy: (r: { respondedBy: string }, _: unknown, ctx: GraphQLContext) =>
      actorFor(r.respondedBy, exposureOf(ctx)),
    note: (r: { note: string | null }, _: unknown, ctx: GraphQLContext) => noteFor(r.note, exposureOf(ctx)),
  },
  Query: {
    supervisionOrders: async (
      _: unknown,
      args: { unitCode?: string | null; state?: SupervisionState | null; first?: number | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireViewer(ctx);
      const requested = args.unitCode ?? null;
      if (requested !== null && adminLevelOfCode(requested) === null && !isProvinceCode(requested)) {
        throw badInput(
          'unitCode',
          `"${requested}" is not a 12-digit division code`,
          {},
          { reason: 'bad_code', params: { value: requested } },
        );
      }
      const unit = narrowToJurisdiction(viewer.jurisdiction, requested);
      if (!unit.ok) throw notFound('unit', String(requested));
      const rows = await findSupervisionOrders(
        ctx.db,
        unitPrefix(unit.value),
        args.state ?? null,
        pageSize(args.first ?? undefined),
      );
      const now = ctx.now();
      return rows.map((r) => toOrder(r, now));
    },
  },
  Mutation: {
    issueSupervisionOrder: async (
      _: unknown,
      args: { target: string; demand: string; deadline: Date },
      ctx: GraphQLContext,
    ) => {
      const viewer = requirePermission(ctx, 'supervise');
      const demand = checkSupervisionText('demand', args.demand, true)!;
      const now = ctx.now();
      const deadline = checkDeadline(args.deadline, now);
      return auditedMutation(ctx, viewer, 'issueSupervisionOrder', args.target, async (tx) =>
        toOrder(await issueSupervisionOrderIn(tx, { target: args.target, demand, deadline, viewer, now }), now),
      );
    },
    acknowledgeSupervisionOrder: (_: unknown, args: RespondArgs, ctx: GraphQLContext) =>
      respond(ctx, 'acknowledged', 'acknowledgeSupervisionOrder', args),
    closeSupervisionOrder: (_: unknown, args: RespondArgs, ctx: GraphQLContext) =>
      respond(ctx, 'closed', 'closeSupervisionOrder', args),
  },
};
