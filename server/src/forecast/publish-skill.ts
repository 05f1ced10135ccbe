/**
 * Publishing the forecast's track record: once a week, for the city, each county and each
 * township, the 12-origin backtest as of the start of the week (Monday, local), so every scored
 * window closed before it. A publication is written once and never replaced (migration 021);
 * the index scheduler runs this on its schedule (stability/scheduler.ts).
 */
import type { Database } from '../db/database.js';
import {
  findUnitsWithGrids,
  insertSkillSnapshot,
  skillPublished,
  type SkillFiguresRow,
  type SkillSnapshot,
} from '../db/queries/forecast-skill.js';
import type { BacktestReport, SkillFigures } from '../domain/forecast/backtest.js';
import { shanghaiDayOf, startOfShanghaiDay } from '../domain/forecast/counts.js';
import { backtestUnit } from './service.js';

/** The horizons a track record is published for: the wall's week and the planner's four weeks. */
export const SKILL_HORIZONS = [7, 28] as const;
/**
 * Units a track record is published for. Villages are left out: a village's handful of grids
 * gives a backtest too noisy to say anything, and a city has thousands of them.
 */
export const SKILL_LEVELS = ['city', 'county', 'township'] as const;

/** The Monday (local day number) of the week containing local day `day`; day 0 was a Thursday. */
export function weekStartDay(day: number): number {
  return day - ((day + 3) % 7);
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function toRow(f: SkillFigures): SkillFiguresRow {
  return {
    mae: f.mae,
    rmse: f.rmse,
    coverage_80: f.coverage80,
    coverage_95: f.coverage95,
    pai_5: f.pai5,
    pei_5: f.pei5,
    pai_10: f.pai10,
    pei_10: f.pei10,
  };
}

/** The stored form of a backtest report. */
export function toSnapshot(
  unitCode: string,
  report: BacktestReport,
  gridCount: number,
  publishedBy: string,
  publishedAt: Date,
): SkillSnapshot {
  const { sameWeeksLastYear, lastFourWeeks, giStarHotSpots } = report.baselines;
  return {
    unit_code: unitCode,
    horizon_days: report.horizonDays,
    as_of: isoDay(report.asOf),
    origin_count: report.origins.length,
    grid_count: gridCount,
    interval_probability_80: report.model.intervalProbability80,
    interval_probability_95: report.model.intervalProbability95,
    per_origin: report.perOrigin.map((o) => ({
      origin: isoDay(o.origin),
      actualTotal: o.actualTotal,
      expectedTotal: o.expectedTotal,
    })),
    published_by: publishedBy,
    published_at: publishedAt,
    figures: {
      model: toRow(report.model),
      ...(sameWeeksLastYear ? { same_weeks_last_year: toRow(sameWeeksLastYear) } : {}),
      last_four_weeks: toRow(lastFourWeeks),
      gi_star_hot_spots: toRow(giStarHotSpots),
    },
  };
}

export interface SkillRun {
  published: { unitCode: string; horizonDays: number; asOf: string }[];
  /** Units and horizons that could not be backtested, and why (too little history). */
  skipped: { unitCode: string; horizonDays: number; reason: string }[];
}

export interface PublishSkillOptions {
  publishedBy: string;
  now: Date;
  levels?: readonly string[];
  horizons?: readonly number[];
}

/**
 * Publishes the backtest as of the start of the week containing `horizon` for every unit and
 * horizon not yet published for that week. Each publication is read on one snapshot and written
 * in one transaction; one that fails leaves the others standing.
 */
export async function publishDueSkill(db: Database, horizon: Date, options: PublishSkillOptions): Promise<SkillRun> {
  const asOfDay = weekStartDay(shanghaiDayOf(horizon));
  const asOf = isoDay(asOfDay);
  const run: SkillRun = { published: [], skipped: [] };
  for (const unitCode of await findUnitsWithGrids(db, options.levels ?? SKILL_LEVELS)) {
    for (const horizonDays of options.horizons ?? SKILL_HORIZONS) {
      if (await skillPublished(db, unitCode, horizonDays, asOf)) continue;
      const report = await backtestUnit(db, { unitCode, asOf: startOfShanghaiDay(asOfDay), horizonDays });
      if (!report.ok) {
        const e = report.error;
        const reason =
          e.kind === 'no_grids' ? 'no current grids' : `${e.historyDays} days of history, ${e.neededDays} needed`;
        run.skipped.push({ unitCode, horizonDays, reason });
        continue;
      }
      const snapshot = toSnapshot(unitCode, report.value, report.value.gridCount, options.publishedBy, options.now);
      const written = await db.transaction(async (tx) => {
        if (await skillPublished(tx, unitCode, horizonDays, asOf)) return false;
        await insertSkillSnapshot(tx, snapshot);
        return true;
      });
      if (written) run.published.push({ unitCode, horizonDays, asOf });
    }
  }
  return run;
}
