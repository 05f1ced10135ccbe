/**
 * Computing and publishing one period of the stability index: gather grid counts (one query),
 * score every grid and unit (domain), write a new revision in one transaction.
 */
import type { Database, Queryable } from '../db/database.js';
import {
  findGridCounts,
  findLatestRevision,
  insertPublication,
  type GridCountsRow,
  type PublicationRow,
} from '../db/queries/stability-index.js';
import { scorePeriod, type UnitScore } from '../domain/index/period-scores.js';
import { samePeriodLastYear, type Period } from '../domain/index/periods.js';
import { RAW_COUNT_FIELDS, type RawCounts } from '../domain/index/score.js';
import { CURRENT_WEIGHTS, type WeightsConfig } from '../domain/index/weights.js';
import { err, ok, type Result } from '../domain/result.js';

export function toRawCounts(r: GridCountsRow): RawCounts {
  return {
    population: r.population,
    cases: r.cases,
    severityPoints: r.severity_points,
    due: r.due,
    dueMissed: r.due_missed,
    closed: r.closed,
    closedOnTime: r.closed_on_time,
    closedInVillage: r.closed_in_village,
    closedInTownship: r.closed_in_township,
    repeatCases: r.repeat_cases,
    riskPoints: r.risk_points,
    riskPoints1: r.risk_points_1,
    riskPoints2: r.risk_points_2,
    riskPoints3: r.risk_points_3,
    riskPoints4: r.risk_points_4,
    riskPointsWatched: r.risk_points_watched,
    cameras: r.cameras,
    camerasOnline: r.cameras_online,
    casesYearBefore: r.cases_year_before,
  };
}

/** Scores of every grid and unit for one period, from the data as it is now. */
export async function computePeriod(db: Queryable, period: Period, config = CURRENT_WEIGHTS): Promise<UnitScore[]> {
  const rows = await findGridCounts(db, period, samePeriodLastYear(period));
  return scorePeriod(new Map(rows.map((r) => [r.grid_code, toRawCounts(r)])), period.days, config);
}

export type PublishError =
  | { kind: 'NOT_ENDED'; message: string }
  | { kind: 'REASON_REQUIRED'; message: string }
  | { kind: 'ALREADY_PUBLISHED'; message: string };

export interface PublishOptions {
  publishedBy: string;
  reason: string | null;
  now: Date;
  /** The scheduler publishes a period once: with this set, an existing revision is left alone. */
  onlyIfUnpublished?: boolean;
  config?: WeightsConfig;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);

/** Publishes `period` as a new revision, in one transaction on `db`. */
export async function publishPeriod(
  db: Database,
  period: Period,
  options: PublishOptions,
  tx?: Queryable,
): Promise<Result<PublicationRow, PublishError>> {
  if (period.endAt > options.now) {
    return err({ kind: 'NOT_ENDED', message: `the ${period.kind} starting ${period.start} has not ended yet` });
  }
  const config = options.config ?? CURRENT_WEIGHTS;
  const work = async (q: Queryable): Promise<Result<PublicationRow, PublishError>> => {
    const latest = await findLatestRevision(q, period.kind, period.start);
    if (latest > 0 && options.onlyIfUnpublished) {
      return err({ kind: 'ALREADY_PUBLISHED', message: `${period.kind} ${period.start} is already published` });
    }
    const reason = options.reason?.trim() || null;
    if (latest > 0 && !reason) {
      return err({
        kind: 'REASON_REQUIRED',
        message: `${period.kind} ${period.start} was published (revision ${latest}); say why it is revised`,
      });
    }
    const units = await computePeriod(q, period, config);
    const publication = await insertPublication(
      q,
      {
        period_kind: period.kind,
        period_start: period.start,
        revision: latest + 1,
        weights_version: config.version,
        reason,
        published_by: options.publishedBy,
        published_at: options.now,
      },
      units.map((u) => ({
        unitCode: u.unitCode,
        level: u.level,
        parentCode: u.parentCode,
        score: round(u.score)!,
        band: u.band,
        population: u.population,
        rank: u.rank,
        rankOf: u.rankOf,
        indicators: u.indicators.map((i) => ({
          key: i.key,
          raw: round(i.rawValue),
          normalised: round(i.normalised),
          weight: i.weight,
          contribution: round(i.contribution),
        })),
        counts: Object.fromEntries(RAW_COUNT_FIELDS.map((f) => [f, u.counts[f]])),
      })),
    );
    return ok(publication);
  };
  return tx ? work(tx) : db.transaction(work);
}
