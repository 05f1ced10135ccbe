import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { collect, connect, until } from '../../../test/live.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { periodContaining } from '../../domain/index/periods.js';
import { EventBus } from '../../events/bus.js';
import { checkDay } from '../../stability/warnings.js';

const SUBSCRIBE = `subscription ($unit: ID) {
  warningRaised(unitCode: $unit) { id gridCode gridName day measure observed expected upperLimit pValue } }`;
const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { code } }`;

eachDriver('early warnings pushed to subscribers', (driver) => {
  let api: TestApi;
  const events = new EventBus();
  let grid: { code: string; lon: number; lat: number };
  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', () => TEST_NOW, events);
    const { rows } = await api.db.query<{ code: string; lon: number; lat: number }>(
      `SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grids
       WHERE village_code = '371702005001' AND valid_to IS NULL ORDER BY code LIMIT 1) s`,
    );
    grid = rows[0]!;
  });
  afterAll(() => api.stop());

  it('pushes a warning raised by the daily check to subscribers whose jurisdiction covers the grid, and only to them', async () => {
    const township = connect(api, await api.login('demo-township'));
    const village = connect(api, await api.login('demo-village'));
    const elsewhere = connect(api, await api.login('demo-township'));
    const inTownship = collect(township, SUBSCRIBE, {});
    const inVillage = collect(village, SUBSCRIBE, {});
    const otherVillage = collect(elsewhere, SUBSCRIBE, { unit: '371702005003' });
    await Promise.all([inTownship.started, inVillage.started, otherVillage.started]);

    // A burst far above the grid's usual day: a dozen cases reported on the pinned day.
    const token = await api.login('demo-village');
    for (let i = 0; i < 12; i++) {
      const res = await api.gql(
        REPORT,
        { input: { category: 'neighbour', severity: 'low', source: 'hotline', lon: grid.lon, lat: grid.lat } },
        token,
      );
      expect(res.errors).toBeUndefined();
    }
    const day = periodContaining('day', TEST_NOW);
    const raised = await checkDay(api.db, day, day.endAt, events);
    const ours = raised!.find((w) => w.gridCode === grid.code);
    expect(ours).toBeDefined();

    await until(() => inTownship.received.length >= raised!.length && inVillage.received.length > 0);
    const pushed = inTownship.received.map((r) => r.data.warningRaised);
    expect(pushed.map((w: { id: string }) => w.id).sort()).toEqual(raised!.map((w) => w.id).sort());
    const warning = pushed.find((w: { gridCode: string }) => w.gridCode === grid.code);
    expect(warning).toMatchObject({ day: '2026-06-30', measure: 'daily_cases' });
    expect(warning.observed).toBeGreaterThanOrEqual(12);
    expect(warning.observed).toBeGreaterThan(warning.upperLimit);
    expect(warning.expected).toBeLessThan(warning.observed);
    // The village account hears only about its own grids.
    for (const r of inVillage.received) expect(r.data.warningRaised.gridCode.startsWith('371702005001')).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    for (const r of otherVillage.received) expect(r.data.warningRaised.gridCode.startsWith('371702005003')).toBe(true);
    expect(otherVillage.received.some((r) => r.data.warningRaised.gridCode === grid.code)).toBe(false);
    expect([...inTownship.errors, ...inVillage.errors, ...otherVillage.errors]).toEqual([]);

    inTownship.stop();
    inVillage.stop();
    otherVillage.stop();
    await Promise.all([township.dispose(), village.dispose(), elsewhere.dispose()]);
  });

  it('refuses a subscription to a unit outside the jurisdiction', async () => {
    const client = connect(api, await api.login('demo-village'));
    const sub = collect(client, SUBSCRIBE, { unit: '371702005003' });
    await until(() => sub.errors.length > 0 || sub.received.length > 0, 3000);
    // graphql-ws delivers a refused subscription as one result that carries only errors.
    const answers = [...sub.received, ...sub.errors] as { data?: unknown; errors?: any[] }[];
    expect(answers).toHaveLength(1);
    expect(answers[0]!.data ?? null).toBeNull();
    expect(answers[0]!.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/jurisdiction/),
      extensions: { code: 'BAD_USER_INPUT', field: 'unitCode' },
    });
    sub.stop();
    await client.dispose();
  });
});
