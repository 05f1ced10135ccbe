/** Statistics for charts and wall screens: case counts per bucket, and a unit's headline numbers. */
import { jurisdictionPrefix, narrowToJurisdiction } from '../../auth/jurisdiction.js';
import { adminLevelOfCode, isProvinceCode } from '../../domain/codes.js';
import { RISK_LEVELS } from '../../domain/vocabulary.js';
import { countCasesByBucket, type CaseGrouping } from '../../db/queries/case-stats.js';
import { findUnitSummary, type UnitSummaryRow } from '../../db/queries/summary.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { badInput, notFound } from '../../errors.js';
import { caseFilter, type CaseFilterArgs } from './cases.js';

export const statsTypeDefs = /* GraphQL */ `
  "What caseStats groups cases by."
  enum CaseGroupBy {
    "The case category; buckets in vocabulary order."
    category
    "The lifecycle stage; buckets in lifecycle order."
    status
    "How the case came in; buckets in vocabulary order."
    source
    "The grid (15-digit code); label is the grid's name."
    grid
    "The village or community; label is its name."
    village
    "The township or street, from the first 9 digits of the village code; label is its name."
    township
    "The county or district, from the first 6 digits of the village code; label is its name."
    county
    "The calendar day of reportedAt in the display time zone (TZ_DISPLAY); key YYYY-MM-DD."
    day
    "The ISO week (Monday to Sunday) of reportedAt in the display time zone (TZ_DISPLAY); key is its Monday, YYYY-MM-DD."
    week
    "The calendar month of reportedAt in the display time zone (TZ_DISPLAY); key is its first day, YYYY-MM-DD."
    month
  }

  "Cases in one bucket of caseStats."
  type Bucket {
    "The value grouped by: a vocabulary value, a unit or grid code, or the bucket's first day (YYYY-MM-DD)."
    key: String!
    "The unit's or grid's name for unit and grid groupings; null otherwise."
    label: String
    "Cases in the bucket."
    count: Int!
    "Of those, cases still open (not yet resolved)."
    open: Int!
    "Of those, open cases past their deadline now."
    overdue: Int!
  }

  "Cases reported and closed on one calendar day."
  type DayCounts {
    "Cases reported that day."
    newCases: Int!
    "Cases closed (resolved) that day."
    closedCases: Int!
  }

  "Cameras by status."
  type CameraCounts {
    "All cameras."
    total: Int!
    "Streaming."
    online: Int!
    "Not reachable."
    offline: Int!
    "Reachable but reporting a fault."
    fault: Int!
    "online / total, 0..1; null when there are no cameras."
    onlineRate: Float
  }

  "How many risk points have one warning level."
  type RiskLevelCount {
    "1 red, 2 orange, 3 yellow, 4 blue."
    level: Int!
    "Risk points at that level."
    count: Int!
  }

  "The headline numbers of one admin unit, for a wall screen."
  type Summary {
    "The unit summarised (12-digit code)."
    unitCode: ID!
    "The unit's name."
    unitName: String!
    "Today: the calendar day of the server's now in the display time zone (TZ_DISPLAY)."
    today: DayCounts!
    "Open cases (registered to supervising)."
    inProgress: Int!
    "Open cases past their deadline now."
    overdue: Int!
    """
    Of the cases closed in the last 30 days (30 × 24 hours up to now), the share closed by their
    deadline, 0..1; null when none were closed.
    """
    onTimeClosureRate: Float
    "Cameras standing in the unit, by status."
    cameras: CameraCounts!
    "Risk points in the unit per warning level, levels 1 to 4, zeros included."
    riskPointsByLevel: [RiskLevelCount!]!
  }

  extend type Query {
    """
    Case counts per bucket, with the same area and time filters and the same jurisdiction as
    cases (reportedAt in [from, to)); status and category narrow it further. Only buckets
    holding at least one case are listed: unit and time buckets in key order.
    """
    caseStats(
      area: Area
      from: DateTime
      to: DateTime
      status: [CaseStatus!]
      category: [CaseCategory!]
      groupBy: CaseGroupBy!
    ): [Bucket!]!
    """
    The headline numbers of an admin unit; unitCode defaults to your jurisdiction. A unit
    outside your jurisdiction, like one that does not exist, answers NOT_FOUND (reading
    outside the jurisdiction never tells what is there); a malformed code BAD_USER_INPUT.
    """
    summary(unitCode: ID): Summary!
  }
`;

interface CaseStatsArgs extends Omit<CaseFilterArgs, 'overdue'> {
  groupBy: CaseGrouping;
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function toSummary(unitCode: string, row: UnitSummaryRow & { unit_name: string }) {
  const levels = [row.risk_level_1, row.risk_level_2, row.risk_level_3, row.risk_level_4];
  return {
    unitCode,
    unitName: row.unit_name,
    today: { newCases: row.new_today, closedCases: row.closed_today },
    inProgress: row.in_progress,
    overdue: row.overdue,
    onTimeClosureRate: rate(row.closed_on_time_30d, row.closed_30d),
    cameras: {
      total: row.cameras,
      online: row.cameras_online,
      offline: row.cameras_offline,
      fault: row.cameras_fault,
      onlineRate: rate(row.cameras_online, row.cameras),
    },
    riskPointsByLevel: RISK_LEVELS.map((level, i) => ({ level, count: levels[i]! })),
  };
}

export const statsResolvers = {
  Query: {
    caseStats: async (_: unknown, args: CaseStatsArgs, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      return countCasesByBucket(ctx.db, await caseFilter(ctx, viewer, args), args.groupBy, ctx.timeZone);
    },
    summary: async (_: unknown, args: { unitCode?: string | null }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const requested = args.unitCode ?? null;
      if (requested !== null && adminLevelOfCode(requested) === null && !isProvinceCode(requested)) {
        throw badInput('unitCode', `"${requested}" is not a 12-digit division code`);
      }
      const unit = narrowToJurisdiction(viewer.jurisdiction, requested);
      if (!unit.ok) throw notFound('unit', String(requested));
      const row = await findUnitSummary(ctx.db, unit.value, jurisdictionPrefix(unit.value), ctx.now(), ctx.timeZone);
      if (row.unit_name === null) throw notFound('unit', unit.value);
      return toSummary(unit.value, { ...row, unit_name: row.unit_name });
    },
  },
};
