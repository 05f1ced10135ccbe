/**
 * The jurisdiction cases of the forecast fields: asked for the level's own unit, every grid
 * forecast lies inside and there is one per current grid; pointed at the village outside,
 * nothing comes back.
 */
import { expect } from 'vitest';
import { insertSkillSnapshot, skillPublished } from '../../src/db/queries/forecast-skill.js';
import { sqlCount, type MatrixCase, type MatrixEnv } from './cases.js';
import { dataOf, expectAllInside, expectNothing } from './inside.js';

const CURRENT_GRIDS = 'SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE $1';
const AS_OF = '2026-06-29';

const ask = (env: MatrixEnv, query: string, u: string) => env.api.gql(query, { u }, env.level.token);

function unitCase(field: string, query: string, check: (d: any, env: MatrixEnv) => Promise<void>): MatrixCase {
  return {
    name: `Query.${field}`,
    probes: {
      plain: async (env) => {
        const d = dataOf(await ask(env, query, env.level.jurisdiction));
        expectAllInside(d, env.level.prefix);
        await check(d[field], env);
      },
      unitCode: async (env) => expectNothing(await ask(env, query, env.level.outside.village), field, env.level.prefix),
    },
  };
}

/** A stand-in publication for the level's unit, so that forecastSkill has one to hand out. */
async function publishStandIn(env: MatrixEnv): Promise<void> {
  const unit = env.level.jurisdiction;
  if (await skillPublished(env.api.db, unit, 7, AS_OF)) return;
  const figures = {
    mae: 1,
    rmse: 1,
    coverage_80: 0.8,
    coverage_95: 0.95,
    pai_5: 2,
    pei_5: 0.2,
    pai_10: 1.5,
    pei_10: 0.3,
  };
  await env.api.db.transaction((tx) =>
    insertSkillSnapshot(tx, {
      unit_code: unit,
      horizon_days: 7,
      as_of: AS_OF,
      origin_count: 12,
      grid_count: 1,
      interval_probability_80: 0.85,
      interval_probability_95: 0.96,
      per_origin: [],
      published_by: 'jurisdiction-matrix',
      published_at: new Date('2026-06-29T01:00:00Z'),
      figures: { model: figures, last_four_weeks: figures, gi_star_hot_spots: figures },
    }),
  );
}

export const FORECAST_CASES: MatrixCase[] = [
  unitCase(
    'forecast',
    'query ($u: ID!) { forecast(unitCode: $u, horizonDays: 7) { gridCode expected upper95 } }',
    async (d, env) => {
      expect(d.length).toBe(await sqlCount(env.api, CURRENT_GRIDS, env.level.prefix));
    },
  ),
  unitCase(
    'unitForecast',
    'query ($u: ID!) { unitForecast(unitCode: $u, horizonDays: 28) { unitCode gridCount expected } }',
    async (d, env) => {
      expect(d.unitCode).toBe(env.level.jurisdiction);
      expect(d.gridCount).toBe(await sqlCount(env.api, CURRENT_GRIDS, env.level.prefix));
    },
  ),
  {
    name: 'Query.forecastSkill',
    probes: {
      plain: async (env) => {
        await publishStandIn(env);
        const d = dataOf(
          await ask(env, 'query ($u: ID!) { forecastSkill(unitCode: $u) { unitCode } }', env.level.jurisdiction),
        );
        expect(d.forecastSkill).toEqual({ unitCode: env.level.jurisdiction });
      },
      unitCode: async (env) => {
        await publishStandIn({ ...env, level: { ...env.level, jurisdiction: env.level.outside.village } });
        const q = 'query ($u: ID!) { forecastSkill(unitCode: $u) { unitCode } }';
        expectNothing(await ask(env, q, env.level.outside.village), 'forecastSkill', env.level.prefix);
      },
    },
  },
];
