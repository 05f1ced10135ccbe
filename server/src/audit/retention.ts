/**
 * Retention of the audit record: rows older than AUDIT_RETENTION_DAYS (at least 183, the six
 * months of the Cybersecurity Law art. 21 and GB/T 22239-2019) are removed once a day, by the
 * job started here and by `npm run audit -- prune`. Every run is itself audited (`pruneAudit`,
 * with how many rows went and the anchor the chain now starts from), in the same transaction
 * as the removal.
 */
import { Cron } from 'croner';
import { MIN_AUDIT_RETENTION_DAYS } from '../config.js';
import type { Database } from '../db/database.js';
import { insertAuditEntry, pruneAuditRows } from '../db/queries/audit.js';
import { SCHEDULER_ACCOUNT } from '../stability/scheduler.js';
import { PRUNE_OPERATION, pruneDetailText, type PruneDetail } from './chain.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneOptions {
  now: Date;
  retentionDays: number;
  /** Who prunes, for the record: the scheduler, or `cli:<user>`. */
  username: string;
}

/** Removes the rows older than the retention; answers what the prune record says. */
export async function pruneAudit(db: Database, options: PruneOptions): Promise<PruneDetail> {
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < MIN_AUDIT_RETENTION_DAYS) {
    throw new RangeError(
      `the audit record is kept at least ${MIN_AUDIT_RETENTION_DAYS} days; got a retention of ${options.retentionDays}`,
    );
  }
  const before = new Date(options.now.getTime() - options.retentionDays * DAY_MS);
  try {
    return await db.transaction(async (tx) => {
      const pruned = await pruneAuditRows(tx, before);
      const detail: PruneDetail = { ...pruned, before: before.toISOString() };
      await insertAuditEntry(tx, {
        username: options.username,
        operation: PRUNE_OPERATION,
        target: null,
        success: true,
        detail: pruneDetailText(detail),
      });
      return detail;
    });
  } catch (error) {
    await insertAuditEntry(db, {
      username: options.username,
      operation: PRUNE_OPERATION,
      target: null,
      success: false,
      outcome: 'error',
      detail: String((error as Error).message).slice(0, 500),
    }).catch(() => undefined);
    throw error;
  }
}

export interface RetentionJobDeps {
  db: Database;
  retentionDays: number;
  now: () => Date;
  /** The zone whose 03:30 the prune runs at (TZ_DISPLAY). */
  timeZone: string;
  log?: (message: string) => void;
}

/**
 * Starts the daily prune (03:30 in the display time zone, a quiet hour). Returns a stop function, which
 * resolves once a run under way has finished.
 */
export function startAuditRetention(deps: RetentionJobDeps): () => Promise<void> {
  const log = deps.log ?? ((m: string) => console.log(m));
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = pruneAudit(deps.db, { now: deps.now(), retentionDays: deps.retentionDays, username: SCHEDULER_ACCOUNT })
      .then(
        (done) => log(`audit record pruned: ${done.removed} row(s) older than ${done.before}`),
        (error: unknown) => log(`audit record pruning failed: ${(error as Error).message}`),
      )
      .finally(() => (running = null));
  };
  const job = new Cron('30 3 * * *', { timezone: deps.timeZone, protect: true }, tick);
  return async () => {
    job.stop();
    await running;
  };
}
