/**
 * The display time zone comes from configuration: with TZ_DISPLAY set to another zone than the
 * command centres' default, "today", per-day counts and case codes follow that zone, and every
 * client is told which zone it is.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/api.js';
import { eachDriver } from '../test/databases.js';

const ZONE = 'UTC';
/** 04:00 on 30 June in the default zone, still 29 June in UTC: the two zones disagree on the day. */
const NOW = new Date('2026-06-29T20:00:00Z');
const VILLAGE = '371702005001';

const dayIn = (zone: string, at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

eachDriver('the display time zone', (driver) => {
  {
    let api: TestApi;
    let token: string;
    let reportedCode: string;

    beforeAll(async () => {
      api = await startTestApi(driver, 'tiny', () => NOW, undefined, ZONE);
      token = await api.login('demo-village');
      const { lon, lat } = (
        await api.db.query<{ lon: number; lat: number }>(
          `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
           FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE village_code = $1 ORDER BY code LIMIT 1) s`,
          [VILLAGE],
        )
      ).rows[0]!;
      const res = await api.gql<{ reportCase: { code: string } }>(
        `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { code } }`,
        { input: { category: 'neighbour', severity: 'low', source: 'patrol', lon, lat } },
        token,
      );
      expect(res.errors).toBeUndefined();
      reportedCode = res.data!.reportCase.code;
    });
    afterAll(() => api.stop());

    const reportedAts = async () =>
      (
        await api.db.query<{ at: Date }>(`SELECT reported_at AS at FROM cases WHERE village_code = $1`, [VILLAGE])
      ).rows.map((r) => r.at);

    it('names a new case by the day in the configured zone', () => {
      expect(reportedCode.slice(12, 20)).toBe(dayIn(ZONE, NOW).replaceAll('-', ''));
    });

    it("counts today's new cases by the configured zone's day", async () => {
      const res = await api.gql<{ summary: { today: { newCases: number } } }>(
        `{ summary { today { newCases } } }`,
        {},
        token,
      );
      const today = dayIn(ZONE, NOW);
      const expected = (await reportedAts()).filter((at) => dayIn(ZONE, at) === today).length;
      expect(res.data!.summary.today.newCases).toBe(expected);
    });

    it('buckets cases per day of the configured zone', async () => {
      const res = await api.gql<{ caseStats: { key: string; count: number }[] }>(
        `{ caseStats(groupBy: day, area: { unitCode: "${VILLAGE}" }) { key count } }`,
        {},
        token,
      );
      const expected = new Map<string, number>();
      for (const at of await reportedAts()) expected.set(dayIn(ZONE, at), (expected.get(dayIn(ZONE, at)) ?? 0) + 1);
      expect(new Map(res.data!.caseStats.map((b) => [b.key, b.count]))).toEqual(expected);
    });

    it('tells every client the zone, signed in or not', async () => {
      const health = (await (await fetch(`${api.base}/healthz`)).json()) as { timeZone: string };
      expect(health.timeZone).toBe(ZONE);
    });
  }
});
