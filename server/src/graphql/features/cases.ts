/** Cases: lookup, filtered lists, reporting and moving a case through its lifecycle. */
import { can } from '../../auth/roles.js';
import type { Viewer } from '../../auth/viewer.js';
import { advanceCaseIn } from '../../cases/advance.js';
import { reportCaseIn, type ReportCaseInput } from '../../cases/report.js';
import { caseState, checkNote } from '../../cases/state.js';
import { findCase, findCaseEvents, findCasesPage, type CaseFilter, type CaseRow } from '../../db/queries/cases.js';
import type { AreaInput } from '../../domain/area-filter.js';
import { allowedActions, isOverdue, type CaseAction } from '../../domain/case-lifecycle.js';
import { actorFor, noteFor, type Exposure } from '../../domain/personal-data.js';
import type { LiveEvents } from '../../events/bus.js';
import { auditedMutation } from '../audited.js';
import { requireAnyPermission, requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import { areaFilter, coordinate, timeRange, unitPrefix } from '../inputs.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';

export const casesTypeDefs = /* GraphQL */ `
  "The seven stages of the closed loop, in order."
  enum CaseStatus {
    "登记受理 registered"
    registered
    "先行调解 first mediation"
    mediating
    "风险研判 risk assessment"
    assessing
    "分类流转 dispatched to the responsible department"
    dispatched
    "跟踪督办 supervised follow-up"
    supervising
    "案结事了 resolved"
    resolved
    "总结分析 reviewed"
    reviewed
  }

  "What a case is about."
  enum CaseCategory {
    neighbour
    family
    land
    property
    labour
    demolition
    medical
    consumer
    traffic
    environment
    public_order
  }
  enum CaseSeverity {
    low
    medium
    high
    critical
  }
  "How the case came in: 12345 hotline, walk-in, grid-worker patrol, video alarm."
  enum CaseSource {
    hotline
    walk_in
    patrol
    video
  }
  "The level handling the case (分级督办)."
  enum HandledLevel {
    village
    township
    county
    city
  }

  """
  A move in the lifecycle: advance one stage; return to mediation (from assessing,
  dispatched or supervising); escalate to the next level up with a new deadline; close
  (settle early, straight to resolved). See docs/case-lifecycle.md.
  """
  enum CaseAction {
    advance
    return_to_mediation
    escalate
    close
  }

  "A dispute or incident. One case, one code."
  type Case {
    "Village code + YYYYMMDD + 4-digit serial."
    code: ID!
    category: CaseCategory!
    severity: CaseSeverity!
    source: CaseSource!
    status: CaseStatus!
    reportedAt: DateTime!
    "When the current stage must be done by."
    deadline: DateTime!
    closedAt: DateTime
    "Open and past its deadline, now."
    overdue: Boolean!
    handledLevel: HandledLevel!
    gridCode: ID!
    villageCode: ID!
    location: GeoJSON!
    "Optimistic-locking version; pass it back as expectedVersion."
    version: Int!
    "The moves allowed from here."
    allowedActions: [CaseAction!]!
    "The history, oldest first."
    events: [CaseEvent!]!
  }

  "One step in a case's history."
  type CaseEvent {
    caseCode: ID!
    at: DateTime!
    fromStatus: CaseStatus
    toStatus: CaseStatus!
    "Who made the move (account name)."
    actor: String!
    note: String
  }

  type CaseEdge {
    cursor: String!
    node: Case!
  }
  type CaseConnection {
    "All cases matching the filter, across pages."
    totalCount: Int!
    edges: [CaseEdge!]!
    pageInfo: PageInfo!
  }

  input ReportCaseInput {
    category: CaseCategory!
    severity: CaseSeverity!
    source: CaseSource!
    "Where it happened, WGS-84."
    lon: Float!
    lat: Float!
    "What was reported (kept in the first event)."
    note: String
  }

  extend type Query {
    "A case with its events, or null when it does not exist or lies outside your jurisdiction."
    case(code: ID!): Case
    "Cases newest first, filtered; all filters combine."
    cases(
      area: Area
      from: DateTime
      to: DateTime
      status: [CaseStatus!]
      category: [CaseCategory!]
      overdue: Boolean
      first: Int
      after: String
    ): CaseConnection!
  }

  extend type Mutation {
    "Registers a case at a point: finds its grid and village, makes its code and deadline."
    reportCase(input: ReportCaseInput!): Case!
    "Moves a case; expectedVersion must be the version you read (else CONFLICT)."
    advanceCase(code: ID!, action: CaseAction!, note: String, expectedVersion: Int!): Case!
  }
`;

export function toCase(row: CaseRow, now: Date) {
  const state = caseState(row);
  return {
    code: row.code,
    category: row.category,
    severity: row.severity,
    source: row.source,
    status: row.status,
    reportedAt: row.reported_at,
    deadline: row.deadline,
    closedAt: row.closed_at,
    overdue: isOverdue(state, now),
    handledLevel: row.handled_level,
    gridCode: row.grid_code,
    villageCode: row.village_code,
    location: { type: 'Point', coordinates: [row.lon, row.lat] },
    version: row.version,
    allowedActions: allowedActions(state),
  };
}

/** The filter of the case arguments (area, time, status, category, overdue) inside the jurisdiction. */
export async function caseFilter(ctx: GraphQLContext, viewer: Viewer, args: CaseFilterArgs): Promise<CaseFilter> {
  return {
    prefix: viewer.prefix,
    area: await areaFilter(ctx.db, args.area),
    unitPrefix,
    ...timeRange(args.from, args.to),
    statuses: args.status ?? null,
    categories: args.category ?? null,
    overdue: args.overdue ?? null,
    now: ctx.now(),
    departmentCode: viewer.departmentCode,
  };
}

/** Who reads cases: whoever reads the map, and a department (only the cases dispatched to it). */
const CASE_READERS = ['read_map', 'answer_case'] as const;

export interface CaseFilterArgs {
  area?: AreaInput;
  from?: Date;
  to?: Date;
  status?: string[];
  category?: string[];
  overdue?: boolean;
}

interface CasesArgs extends CaseFilterArgs {
  first?: number;
  after?: string;
}

/** Handlers of cases see notes whole; the wall screen sees neither notes nor names. */
export function exposureOf(ctx: GraphQLContext): Exposure {
  const role = requireViewer(ctx).role;
  if (role === 'kiosk') return 'shared_screen';
  return can(role, 'report_case') || can(role, 'advance_case') || can(role, 'answer_case') ? 'handler' : 'colleague';
}

export const casesResolvers = {
  Case: {
    events: async (c: { code: string }, _: unknown, ctx: GraphQLContext) =>
      (await findCaseEvents(ctx.db, c.code)).map((e) => ({
        caseCode: e.case_code,
        at: e.at,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actor: e.actor,
        note: e.note,
        kind: e.kind,
        departmentCode: e.department_code ?? null,
      })),
  },
  // Every CaseEvent (history and caseChanged alike) passes here: personal details as the viewer may see them.
  CaseEvent: {
    actor: (e: { actor: string }, _: unknown, ctx: GraphQLContext) => actorFor(e.actor, exposureOf(ctx)),
    note: (e: { note: string | null }, _: unknown, ctx: GraphQLContext) => noteFor(e.note ?? null, exposureOf(ctx)),
  },
  Query: {
    case: async (_: unknown, { code }: { code: string }, ctx: GraphQLContext) => {
      const viewer = requireAnyPermission(ctx, CASE_READERS);
      const row = await findCase(ctx.db, code, viewer.prefix, false, viewer.departmentCode);
      return row && toCase(row, ctx.now());
    },
    cases: async (_: unknown, args: CasesArgs, ctx: GraphQLContext) => {
      const viewer = requireAnyPermission(ctx, CASE_READERS);
      const limit = pageSize(args.first);
      const after = decodeCursor(args.after, 'ns') as [number, string] | null;
      const now = ctx.now();
      const { rows, total } = await findCasesPage(ctx.db, await caseFilter(ctx, viewer, args), after, limit);
      return toConnection(
        rows,
        limit,
        total,
        (r) => [r.reported_at.getTime(), r.code],
        (r) => toCase(r, now),
      );
    },
  },
  Mutation: {
    reportCase: async (_: unknown, { input }: { input: ReportCaseInput & { note?: string } }, ctx: GraphQLContext) => {
      const viewer = requirePermission(ctx, 'report_case');
      coordinate('input.lon/lat', input.lon, input.lat);
      const note = checkNote(input.note);
      const now = ctx.now();
      const reported = await auditedMutation(ctx, viewer, 'reportCase', `${input.lon},${input.lat}`, async (tx) =>
        toCase(await reportCaseIn(tx, { input, note, viewer, now, timeZone: ctx.timeZone }), now),
      );
      publishCaseChange(ctx, reported.villageCode, {
        caseCode: reported.code,
        at: now,
        fromStatus: null,
        toStatus: 'registered',
        actor: viewer.username,
        note,
      });
      return reported;
    },
    advanceCase: async (
      _: unknown,
      args: { code: string; action: CaseAction; note?: string; expectedVersion: number },
      ctx: GraphQLContext,
    ) => {
      const viewer = requirePermission(ctx, 'advance_case');
      const note = checkNote(args.note);
      const now = ctx.now();
      const moved = await auditedMutation(ctx, viewer, `advanceCase:${args.action}`, args.code, async (tx) => {
        const { row, event } = await advanceCaseIn(tx, { ...args, note, viewer, now });
        return { updated: toCase(row, now), event };
      });
      const { updated, event } = moved;
      publishCaseChange(ctx, updated.villageCode, {
        caseCode: updated.code,
        at: now,
        fromStatus: event.from,
        toStatus: event.to,
        actor: viewer.username,
        note,
      });
      return updated;
    },
  },
};

/** Tells live subscribers, after the change is committed. */
function publishCaseChange(
  ctx: GraphQLContext,
  villageCode: string,
  e: Omit<LiveEvents['caseChanged'], 'villageCode'>,
): void {
  ctx.events.publish('caseChanged', { ...e, villageCode });
}
