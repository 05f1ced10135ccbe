import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { eachDriver } from '../../../test/databases.js';
import { publishDueSkill } from '../../forecast/publish-skill.js';
import { backtestUnit, forecastUnit } from '../../forecast/service.js';

const TOWNSHIP = '371702005000';
const FORECAST = `query ($u: ID!, $h: Int!, $asOf: DateTime, $c: String) {
  forecast(unitCode: $u, horizonDays: $h, asOf: $asOf, category: $c) { gridCode expected lower80 upper80 lower95 upper95 } }`;
const TOTAL = `query ($u: ID!, $h: Int!, $asOf: DateTime) {
  unitForecast(unitCode: $u, horizonDays: $h, asOf: $asOf) {
    unitCode origin horizonDays basis gridCount expected lower80 upper80 lower95 upper95 } }`;
const SKILL = `query ($u: ID!, $h: Int) {
  forecastSkill(unitCode: $u, horizonDays: $h) {
    unitCode horizonDays asOf gridCount intervalProbability80 publishedBy
    origins { origin actualTotal expectedTotal }
    model { mae rmse coverage80 coverage95 pai5 pei5 pai10 pei10 }
    baselines { sameWeeksLastYear { mae } lastFourWeeks { mae rmse pai5 } giStarHotSpots { mae pai5 pei10 } } } }`;

eachDriver('the forecast over GraphQL', (driver) => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-township');
  });
  afterAll(() => api.stop());

  it.each([7, 28])('answers the service forecast of every grid for a %i-day horizon', async (h) => {
    const res = await api.gql(FORECAST, { u: TOWNSHIP, h }, token);
    expect(res.errors).toBeUndefined();
    const service = await forecastUnit(api.db, { unitCode: TOWNSHIP, asOf: TEST_NOW, horizonDays: h, category: null });
    if (!service.ok) throw new Error('expected a forecast');
    expect(res.data.forecast).toEqual(
      service.value.grids.map(({ gridCode, expected, lower80, upper80, lower95, upper95 }) => ({
        gridCode,
        expected,
        lower80,
        upper80,
        lower95,
        upper95,
      })),
    );
  });

  it('forecasts as of a past day from the cases before that day only', async () => {
    const asOf = '2026-06-01T15:00:00+08:00';
    const res = await api.gql(FORECAST, { u: TOWNSHIP, h: 7, asOf }, token);
    const now = await api.gql(FORECAST, { u: TOWNSHIP, h: 7 }, token);
    const service = await forecastUnit(api.db, {
      unitCode: TOWNSHIP,
      asOf: new Date('2026-06-01T00:00:00+08:00'),
      horizonDays: 7,
      category: null,
    });
    if (!service.ok) throw new Error('expected a forecast');
    expect(res.data.forecast.map((g: { expected: number }) => g.expected)).toEqual(
      service.value.grids.map((g) => g.expected),
    );
    expect(res.data.forecast).not.toEqual(now.data.forecast);
  });

  it('sums the grids into the unit total', async () => {
    const res = await api.gql(TOTAL, { u: TOWNSHIP, h: 7 }, token);
    const grids = await api.gql(FORECAST, { u: TOWNSHIP, h: 7 }, token);
    const t = res.data.unitForecast;
    expect(t.unitCode).toBe(TOWNSHIP);
    expect(t.gridCount).toBe(grids.data.forecast.length);
    expect(t.expected).toBeCloseTo(
      grids.data.forecast.reduce((s: number, g: { expected: number }) => s + g.expected, 0),
      6,
    );
    expect(new Date(t.origin)).toEqual(new Date('2026-06-30T00:00:00+08:00'));
    expect([t.lower95 <= t.lower80, t.lower80 <= t.expected, t.expected <= t.upper80, t.upper80 <= t.upper95]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it.each([
    [{ h: 0 }, 'horizonDays'],
    [{ h: 92 }, 'horizonDays'],
    [{ h: 7, c: 'noise' }, 'category'],
    [{ h: 7, asOf: '2027-01-01T00:00:00+08:00' }, 'asOf'],
    [{ h: 7, asOf: '2020-01-01T00:00:00+08:00' }, 'asOf'],
    [{ h: 7, u: '371702005001001' }, 'unitCode'],
  ])('refuses %j as bad input in the field %s', async (vars, field) => {
    const res = await api.gql(FORECAST, { u: TOWNSHIP, ...vars }, token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.data).toBeNull();
  });

  it('has no track record before one is published, then the published backtest, written once', async () => {
    expect((await api.gql(SKILL, { u: TOWNSHIP }, token)).data.forecastSkill).toBeNull();
    const options = { publishedBy: 'scheduler', now: TEST_NOW, levels: ['township'], horizons: [7] };
    const first = await publishDueSkill(api.db, TEST_NOW, options);
    expect(first.published).toEqual([{ unitCode: TOWNSHIP, horizonDays: 7, asOf: '2026-06-29' }]);
    expect((await publishDueSkill(api.db, TEST_NOW, options)).published).toEqual([]);

    const s = (await api.gql(SKILL, { u: TOWNSHIP, h: 7 }, token)).data.forecastSkill;
    const report = await backtestUnit(api.db, {
      unitCode: TOWNSHIP,
      asOf: new Date('2026-06-29T00:00:00+08:00'),
      horizonDays: 7,
    });
    if (!report.ok) throw new Error('expected a backtest');
    expect(new Date(s.asOf)).toEqual(new Date('2026-06-29T00:00:00+08:00'));
    expect(s.origins).toHaveLength(12);
    expect(s.model.mae).toBeCloseTo(report.value.model.mae!, 12);
    expect(s.model.coverage80).toBeCloseTo(report.value.model.coverage80!, 12);
    expect(s.model.pai5).toBeCloseTo(report.value.model.pai5!, 12);
    expect(s.baselines.lastFourWeeks.rmse).toBeCloseTo(report.value.baselines.lastFourWeeks.rmse!, 12);
    expect(s.baselines.giStarHotSpots).toMatchObject({ mae: null, pai5: report.value.baselines.giStarHotSpots.pai5 });
    // The tiny data set has one year of cases: the seasonal naive has no year before its origins.
    expect(s.baselines.sameWeeksLastYear).toBeNull();
  });

  it('keeps a published track record as it was: no update, delete or truncate', async () => {
    await expect(api.db.query(`UPDATE forecast_skill_snapshots SET mae = 0`)).rejects.toThrow(/append-only/);
    await expect(api.db.query(`DELETE FROM forecast_skill_publications`)).rejects.toThrow(/append-only/);
    await expect(api.db.query(`TRUNCATE forecast_skill_snapshots`)).rejects.toThrow(/append-only/);
  });

  it('refuses a track record for a horizon none is published for', async () => {
    const res = await api.gql(SKILL, { u: TOWNSHIP, h: 14 }, token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'horizonDays' });
  });
});
