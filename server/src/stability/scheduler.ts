/**
 * Publishes each closed period by itself: shortly after midnight in the display time zone it publishes
 * the day, week and month that have just closed (those not yet published; a published period is
 * never republished by the scheduler; for a synthetic demo, those closed by the end of its data,
 * see publishingHorizon) and runs the early-warning check of the day; each run then publishes
 * the forecast's weekly track record where it is due (forecast/publish-skill.ts). `runDue` is
 * the whole job with an injected clock, so tests drive it without waiting for croner.
 */
import { Cron } from 'croner';
import type { Database, Queryable } from '../db/database.js';
import { findLatestDatasetLoad } from '../db/queries/overview.js';
import { lastClosedPeriod, PERIOD_KINDS, periodStartingOn, type PeriodKind } from '../domain/index/periods.js';
import type { EventBus } from '../events/bus.js';
import { publishDueSkill } from '../forecast/publish-skill.js';
import { publishPeriod } from './publish.js';
import { checkDay } from './warnings.js';

export const SCHEDULER_ACCOUNT = 'scheduler';

export interface SchedulerDeps {
  db: Database;
  events: EventBus | null;
  now: () => Date;
  log?: (message: string) => void;
}

export interface DueRun {
  published: { kind: PeriodKind; start: string; revision: number }[];
  warnings: number | null;
}

/**
 * The instant up to which closed periods are published: `now`, except for a synthetic demo data
 * set, which ends with its as-of day. A demo started weeks after it was generated would otherwise
 * publish empty days, weeks and months after the data, and with no cases an empty period scores
 * as very stable: the latest index, the ranking and the wall's gauge would all show
 * meaningless high scores. Real data has no end day, so there the clock decides alone.
 */
export async function publishingHorizon(db: Queryable, now: Date): Promise<Date> {
  const load = await findLatestDatasetLoad(db);
  if (!load?.synthetic || !load.as_of) return now;
  const dataEnd = periodStartingOn('day', load.as_of)?.endAt;
  return dataEnd && dataEnd < now ? dataEnd : now;
}

/** Publishes the last closed period of each kind if it is not published yet, and checks the last day. */
export async function runDue(deps: SchedulerDeps): Promise<DueRun> {
  const now = deps.now();
  const horizon = await publishingHorizon(deps.db, now);
  const published: DueRun['published'] = [];
  for (const kind of PERIOD_KINDS) {
    const period = lastClosedPeriod(kind, horizon);
    const result = await publishPeriod(deps.db, period, {
      publishedBy: SCHEDULER_ACCOUNT,
      reason: null,
      now,
      onlyIfUnpublished: true,
    });
    if (result.ok) {
      const { revision, published_at: publishedAt } = result.value;
      published.push({ kind, start: period.start, revision });
      deps.events?.publish('indexPublished', { period: kind, periodStart: period.start, revision, publishedAt });
    } else if (result.error.kind !== 'ALREADY_PUBLISHED') deps.log?.(`index ${kind}: ${result.error.message}`);
  }
  const raised = await checkDay(deps.db, lastClosedPeriod('day', horizon), now, deps.events);
  return { published, warnings: raised === null ? null : raised.length };
}

/**
 * Starts the schedule: five minutes past every hour (so a missed midnight, a restart or a
 * late data load is caught up within the hour) and once at start. Returns a stop function,
 * which resolves once a run under way has finished (its publishing is one transaction each).
 */
export function startIndexScheduler(
  deps: SchedulerDeps & {
    /** The zone whose clock the hourly run follows (TZ_DISPLAY). */
    timeZone: string;
  },
): () => Promise<void> {
  const log = deps.log ?? ((m: string) => console.log(m));
  let running: Promise<void> | null = null;
  const run = async () => {
    try {
      const result = await runDue(deps);
      for (const p of result.published) log(`stability index published: ${p.kind} ${p.start} (revision ${p.revision})`);
      if (result.warnings) log(`early warnings raised: ${result.warnings}`);
      // The forecast's track record follows the same clock: a week's backtests once per week.
      const now = deps.now();
      const skill = await publishDueSkill(deps.db, await publishingHorizon(deps.db, now), {
        publishedBy: SCHEDULER_ACCOUNT,
        now,
      });
      for (const p of skill.published)
        log(`forecast skill published: ${p.unitCode} ${p.horizonDays} days as of ${p.asOf}`);
    } catch (error) {
      log(`stability index scheduler: ${(error as Error).message}`);
    }
  };
  const tick = () => {
    if (running) return;
    running = run().finally(() => (running = null));
  };
  const job = new Cron('5 * * * *', { timezone: deps.timeZone, protect: true }, tick);
  tick();
  return async () => {
    job.stop();
    await running;
  };
}
