/**
 * The stability index, hotspots and early warnings over GraphQL (types in stability-schema.ts).
 * Thin: check access → domain/service → queries → GraphQL shapes.
 */
import { narrowToJurisdiction } from '../../auth/jurisdiction.js';
import {
  findChildSnapshots,
  findLatestPublishedStart,
  findScores,
  findSnapshotHistory,
  findSnapshotRevisions,
  type SnapshotRow,
} from '../../db/queries/stability-index.js';
import { findWarnings } from '../../db/queries/warnings.js';
import { adminLevelOfCode, isGridCode } from '../../domain/codes.js';
import {
  lastClosedPeriod,
  periodContaining,
  periodStartingOn,
  previousPeriod,
  type PeriodKind,
} from '../../domain/index/periods.js';
import { CURRENT_WEIGHTS, weightsByVersion } from '../../domain/index/weights.js';
import { analyseEmerging, analyseHotspots } from '../../stability/analysis.js';
import { publishPeriod } from '../../stability/publish.js';
import { toWarningEvent } from '../../stability/warnings.js';
import { auditedMutation } from '../audited.js';
import { requirePermission, requireViewer, type GraphQLContext } from '../context.js';
import { badInput, conflict, notFound } from '../../errors.js';
import { unitPrefix } from '../inputs.js';
import { subscriptionPrefix } from './live.js';

export { stabilityTypeDefs } from './stability-schema.js';

const MAX_WINDOW_DAYS = 3 * 366;
const MAX_EMERGING_WEEKS = 104;

/** The unit asked for (default: the jurisdiction), checked and inside the jurisdiction. */
function unitInJurisdiction(ctx: GraphQLContext, field: string, code: string | null | undefined): string {
  const viewer = requireViewer(ctx);
  if (code != null && adminLevelOfCode(code) === null && !isGridCode(code)) {
    throw badInput(field, `"${code}" is not a 12-digit division code or a 15-digit grid code`);
  }
  const unit = narrowToJurisdiction(viewer.jurisdiction, code ?? null);
  if (!unit.ok) throw notFound('unit', String(code));
  return unit.value;
}

/** The code prefix of a unit or grid (a grid code is its own prefix). */
const prefixOf = (code: string) => (isGridCode(code) ? code : unitPrefix(code));

function window(from: Date, to: Date, maxDays = MAX_WINDOW_DAYS): void {
  if (from >= to) throw badInput('from', 'must be before "to"');
  if (to.getTime() - from.getTime() > maxDays * 86_400_000)
    throw badInput('to', `the window is longer than ${maxDays} days`);
}

/** The start of the period asked for: the one containing `at`, else the latest published. */
async function periodStart(ctx: GraphQLContext, kind: PeriodKind, at: Date | null | undefined): Promise<string | null> {
  if (at) return periodContaining(kind, at).start;
  return findLatestPublishedStart(ctx.db, kind, null);
}

function labelsOf(version: string) {
  const config = weightsByVersion(version) ?? CURRENT_WEIGHTS;
  return new Map(config.indicators.map((s) => [s.key as string, s]));
}

function toIndex(rows: readonly SnapshotRow[]) {
  const latest = rows.at(-1)!;
  const specs = labelsOf(latest.weights_version);
  const period = periodStartingOn(latest.period_kind as PeriodKind, latest.period_start)!;
  return {
    unitCode: latest.unit_code,
    unitName: latest.unit_name,
    level: latest.level,
    period: latest.period_kind,
    periodStart: period.start,
    periodEnd: period.end,
    score: latest.score,
    band: latest.band,
    population: latest.population,
    weightsVersion: latest.weights_version,
    revision: latest.revision,
    reason: latest.reason,
    publishedBy: latest.published_by,
    publishedAt: latest.published_at,
    rank: latest.rank,
    rankOf: latest.rank_of,
    indicators: latest.indicators.map((i) => {
      const spec = specs.get(i.key);
      return {
        key: i.key,
        label: spec?.label ?? i.key,
        labelEn: spec?.labelEn ?? i.key,
        unit: spec?.unit ?? '',
        direction: spec?.direction ?? 'negative',
        rawValue: i.raw,
        normalised: i.normalised,
        weight: i.weight,
        contribution: i.contribution,
      };
    }),
    revisions: rows.map((r) => ({
      revision: r.revision,
      score: r.score,
      band: r.band,
      weightsVersion: r.weights_version,
      reason: r.reason,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
    })),
  };
}

interface UnitPeriodArgs {
  unitCode?: string | null;
  period: PeriodKind;
  at?: Date | null;
}

export const stabilityResolvers = {
  Query: {
    stabilityIndex: async (_: unknown, args: UnitPeriodArgs, ctx: GraphQLContext) => {
      const unit = unitInJurisdiction(ctx, 'unitCode', args.unitCode);
      const start = await periodStart(ctx, args.period, args.at);
      if (!start) return null;
      const rows = await findSnapshotRevisions(ctx.db, unit, args.period, start);
      return rows.length ? toIndex(rows) : null;
    },
    stabilityIndexHistory: async (
      _: unknown,
      args: { unitCode?: string | null; period: PeriodKind; from: Date; to: Date },
      ctx: GraphQLContext,
    ) => {
      const unit = unitInJurisdiction(ctx, 'unitCode', args.unitCode);
      window(args.from, args.to, 10 * 366);
      const rows = await findSnapshotHistory(
        ctx.db,
        unit,
        args.period,
        periodContaining('day', args.from).start,
        periodContaining('day', args.to).start,
      );
      // Each row is the latest revision of its period; revisions of each are read on demand.
      return Promise.all(
        rows.map(async (r) => toIndex(await findSnapshotRevisions(ctx.db, unit, args.period, r.period_start))),
      );
    },
    ranking: async (_: unknown, args: { parentCode?: string | null } & UnitPeriodArgs, ctx: GraphQLContext) => {
      const parent = unitInJurisdiction(ctx, 'parentCode', args.parentCode);
      if (isGridCode(parent)) throw badInput('parentCode', 'a grid has nothing below it to rank');
      const start = await periodStart(ctx, args.period, args.at);
      if (!start) return null;
      const rows = await findChildSnapshots(ctx.db, parent, args.period, start);
      if (rows.length === 0) return null;
      const previous = previousPeriod(periodStartingOn(args.period, start)!);
      const before = await findScores(
        ctx.db,
        rows.map((r) => r.unit_code),
        args.period,
        previous.start,
      );
      return {
        parentCode: parent,
        period: args.period,
        periodStart: start,
        revision: rows[0]!.revision,
        weightsVersion: rows[0]!.weights_version,
        entries: rows.map((r, i) => ({
          rank: i + 1,
          unitCode: r.unit_code,
          unitName: r.unit_name,
          score: r.score,
          band: r.band,
          previousScore: before.get(r.unit_code) ?? null,
        })),
      };
    },
    hotspots: async (
      _: unknown,
      args: { unitCode?: string | null; from: Date; to: Date; category?: string | null; fdr?: boolean | null },
      ctx: GraphQLContext,
    ) => {
      const unit = unitInJurisdiction(ctx, 'unitCode', args.unitCode);
      window(args.from, args.to);
      return analyseHotspots(ctx.db, prefixOf(unit), args.from, args.to, args.category ?? null, args.fdr ?? false);
    },
    emergingHotspots: async (
      _: unknown,
      args: { unitCode?: string | null; from: Date; to: Date },
      ctx: GraphQLContext,
    ) => {
      const unit = unitInJurisdiction(ctx, 'unitCode', args.unitCode);
      window(args.from, args.to);
      const first = periodContaining('week', args.from);
      const weeks = Math.ceil((args.to.getTime() - first.startAt.getTime()) / (7 * 86_400_000));
      if (weeks < 4) throw badInput('to', 'emerging hot spots need at least 4 weeks');
      if (weeks > MAX_EMERGING_WEEKS) throw badInput('to', `at most ${MAX_EMERGING_WEEKS} weeks`);
      return analyseEmerging(ctx.db, prefixOf(unit), first.startAt, args.to, weeks);
    },
    warnings: async (_: unknown, args: { unitCode?: string | null; from: Date; to: Date }, ctx: GraphQLContext) => {
      const unit = unitInJurisdiction(ctx, 'unitCode', args.unitCode);
      window(args.from, args.to);
      const rows = await findWarnings(
        ctx.db,
        prefixOf(unit),
        periodContaining('day', args.from).start,
        periodContaining('day', args.to).start,
      );
      return rows.map(toWarningEvent);
    },
  },
  Mutation: {
    publishIndex: async (
      _: unknown,
      args: { period: PeriodKind; at?: Date | null; reason?: string | null },
      ctx: GraphQLContext,
    ) => {
      const viewer = requirePermission(ctx, 'publish_index');
      const now = ctx.now();
      const period = args.at ? periodContaining(args.period, args.at) : lastClosedPeriod(args.period, now);
      if (args.reason != null && args.reason.length > 500) throw badInput('reason', 'at most 500 characters');
      const published = await auditedMutation(
        ctx,
        viewer,
        'publishIndex',
        `${period.kind} ${period.start}`,
        async (tx) => {
          const result = await publishPeriod(
            ctx.db,
            period,
            { publishedBy: viewer.username, reason: args.reason ?? null, now },
            tx,
          );
          if (!result.ok) {
            if (result.error.kind === 'REASON_REQUIRED') throw badInput('reason', result.error.message);
            if (result.error.kind === 'NOT_ENDED') throw badInput('at', result.error.message);
            throw conflict(result.error.message);
          }
          const p = result.value;
          return {
            period: p.period_kind,
            periodStart: p.period_start,
            periodEnd: period.end,
            revision: p.revision,
            weightsVersion: p.weights_version,
            reason: p.reason,
            publishedBy: p.published_by,
            publishedAt: p.published_at,
            unitCount: p.unit_count,
          };
        },
      );
      // Told once committed, never before: a wall that rereads at once finds the new scores.
      const { period: kind, periodStart, revision, publishedAt } = published;
      ctx.events.publish('indexPublished', { period: kind, periodStart, revision, publishedAt });
      return published;
    },
  },
  Subscription: {
    warningRaised: {
      subscribe: (_: unknown, args: { unitCode?: string }, ctx: GraphQLContext) => {
        const prefix = subscriptionPrefix(ctx, args.unitCode);
        return ctx.events.subscribe('warningRaised', (e) => e.gridCode.startsWith(prefix));
      },
      resolve: (event: unknown) => event,
    },
    indexPublished: {
      subscribe: (_: unknown, args: { unitCode?: string }, ctx: GraphQLContext) => {
        subscriptionPrefix(ctx, args.unitCode);
        return ctx.events.subscribe('indexPublished', () => true);
      },
      resolve: (event: unknown) => event,
    },
  },
};
