/**
 * The grid forecast and its track record over GraphQL (types in forecast-schema.ts). Thin:
 * check access → forecast service → GraphQL shapes. The service refuses a bad horizon,
 * category or unit by field.
 */
import { narrowToJurisdiction } from '../../auth/jurisdiction.js';
import { findLatestSkill, type SkillFiguresRow } from '../../db/queries/forecast-skill.js';
import { adminLevelOfCode } from '../../domain/codes.js';
import { badInput, notFound } from '../../errors.js';
import { SKILL_HORIZONS } from '../../forecast/publish-skill.js';
import { forecastUnit, unitTotal, type ForecastServiceError, type UnitForecast } from '../../forecast/service.js';
import { publishingHorizon } from '../../stability/scheduler.js';
import { requireViewer, type GraphQLContext } from '../context.js';

export { forecastTypeDefs } from './forecast-schema.js';

interface ForecastArgs {
  unitCode: string;
  asOf?: Date | null;
  horizonDays: number;
  category?: string | null;
}

/** The unit asked for: a 12-digit admin unit inside the jurisdiction (outside reads as not found). */
function unitInJurisdiction(ctx: GraphQLContext, code: string): string {
  const viewer = requireViewer(ctx);
  if (adminLevelOfCode(code) === null) throw badInput('unitCode', `"${code}" is not a 12-digit admin unit code`);
  const unit = narrowToJurisdiction(viewer.jurisdiction, code);
  if (!unit.ok) throw notFound('unit', code);
  return unit.value;
}

/**
 * The as-of moment: the one asked (not after now), else now — or the end of a synthetic data
 * set, whose days after its end have no cases and would read as a sudden calm.
 */
async function asOfMoment(ctx: GraphQLContext, asOf: Date | null | undefined): Promise<Date> {
  const now = ctx.now();
  if (asOf && asOf > now) throw badInput('asOf', 'must not be in the future: a forecast reads cases before it');
  return asOf ?? publishingHorizon(ctx.db, now);
}

function refusal(error: ForecastServiceError): never {
  if (error.kind === 'too_little_history')
    throw badInput(
      'asOf',
      `only ${error.historyDays} days of cases before it, ${error.neededDays} needed for this horizon`,
      { historyDays: error.historyDays, neededDays: error.neededDays },
    );
  throw notFound('unit', error.unitCode);
}

/**
 * Forecasts made for one request, by their arguments: a client asking for the grids and the
 * unit's total in one request (as the screens do) pays for one fit.
 */
const madeInRequest = new WeakMap<GraphQLContext, Map<string, Promise<UnitForecast | null>>>();

async function unitForecastOf(ctx: GraphQLContext, args: ForecastArgs): Promise<UnitForecast | null> {
  const unitCode = unitInJurisdiction(ctx, args.unitCode);
  const request = {
    unitCode,
    asOf: await asOfMoment(ctx, args.asOf),
    horizonDays: args.horizonDays,
    category: args.category ?? null,
  };
  const made = madeInRequest.get(ctx) ?? new Map<string, Promise<UnitForecast | null>>();
  madeInRequest.set(ctx, made);
  const key = JSON.stringify(request);
  let forecast = made.get(key);
  if (!forecast) {
    forecast = forecastUnit(ctx.db, request).then((result) => {
      if (result.ok) return result.value;
      if (result.error.kind === 'no_grids') return null;
      return refusal(result.error);
    });
    made.set(key, forecast);
  }
  return forecast;
}

const figures = (f: SkillFiguresRow | undefined) =>
  f && {
    mae: f.mae,
    rmse: f.rmse,
    coverage80: f.coverage_80,
    coverage95: f.coverage_95,
    pai5: f.pai_5,
    pei5: f.pei_5,
    pai10: f.pai_10,
    pei10: f.pei_10,
  };

/** A local day (YYYY-MM-DD) as the instant it starts in Asia/Shanghai, as the model counts days. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export const forecastResolvers = {
  Query: {
    forecast: async (_: unknown, args: ForecastArgs, ctx: GraphQLContext) =>
      (await unitForecastOf(ctx, args))?.grids ?? [],
    unitForecast: async (_: unknown, args: ForecastArgs, ctx: GraphQLContext) => {
      const f = await unitForecastOf(ctx, args);
      return f && unitTotal(args.unitCode, f);
    },
    forecastSkill: async (_: unknown, args: { unitCode: string; horizonDays: number }, ctx: GraphQLContext) => {
      const unitCode = unitInJurisdiction(ctx, args.unitCode);
      if (!(SKILL_HORIZONS as readonly number[]).includes(args.horizonDays))
        throw badInput('horizonDays', `a track record is published for ${SKILL_HORIZONS.join(' and ')} days`, {
          allowed: SKILL_HORIZONS,
        });
      const s = await findLatestSkill(ctx.db, unitCode, args.horizonDays);
      if (!s) return null;
      return {
        unitCode: s.unit_code,
        horizonDays: s.horizon_days,
        asOf: dayStart(s.as_of),
        origins: s.per_origin.map((o) => ({ ...o, origin: dayStart(o.origin) })),
        gridCount: s.grid_count,
        model: figures(s.figures.model),
        intervalProbability80: s.interval_probability_80,
        intervalProbability95: s.interval_probability_95,
        baselines: {
          sameWeeksLastYear: figures(s.figures.same_weeks_last_year) ?? null,
          lastFourWeeks: figures(s.figures.last_four_weeks),
          giStarHotSpots: figures(s.figures.gi_star_hot_spots),
        },
        publishedBy: s.published_by,
        publishedAt: s.published_at,
      };
    },
  },
};
