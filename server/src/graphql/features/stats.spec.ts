import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';

const CASE_STATS = `query ($area: Area, $from: DateTime, $to: DateTime, $status: [CaseStatus!], $groupBy: CaseGroupBy!) {
  caseStats(area: $area, from: $from, to: $to, status: $status, groupBy: $groupBy) { key label count open overdue } }`;
const SUMMARY = `query ($unitCode: ID) { summary(unitCode: $unitCode) {
  unitCode unitName today { newCases closedCases } inProgress overdue onTimeClosureRate
  cameras { total online offline fault onlineRate } riskPointsByLevel { level count } } }`;

interface Bucket {
  key: string;
  label: string | null;
  count: number;
  open: number;
  overdue: number;
}

/** Bucket keys written independently of the implementation (local dates, not date_trunc). */
const LOCAL = `(reported_at AT TIME ZONE 'Asia/Shanghai')`;
const INDEPENDENT_KEY: Record<string, string> = {
  category: 'category',
  status: 'status',
  source: 'source',
  grid: 'grid_code',
  village: 'substr(code, 1, 12)',
  township: `substr(village_code, 1, 9) || '000'`,
  county: `rpad(substr(village_code, 1, 6), 12, '0')`,
  day: `to_char(${LOCAL}::date, 'YYYY-MM-DD')`,
  week: `to_char(${LOCAL}::date - (extract(isodow FROM ${LOCAL})::int - 1), 'YYYY-MM-DD')`,
  month: `to_char(${LOCAL}, 'YYYY-MM') || '-01'`,
};

const ACCOUNTS = [
  { username: 'demo-village', prefix: '371702005001', unit: '371702005001' },
  { username: 'demo-township', prefix: '371702005', unit: '371702005000' },
  { username: 'demo-city', prefix: '3717', unit: '371700000000' },
];

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

eachDriver('case statistics and unit summaries over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(driver);
    for (const { username } of ACCOUNTS) tokens[username] = await api.login(username);
  });
  afterAll(() => api.stop());

  const sqlBuckets = async (groupBy: string, prefix: string, extra = '', params: unknown[] = []) =>
    (
      await api.db.query<Bucket>(
        `SELECT ${INDEPENDENT_KEY[groupBy]} AS key, count(*)::int AS count,
           sum(CASE WHEN status IN ('resolved', 'reviewed') THEN 0 ELSE 1 END)::int AS open,
           sum(CASE WHEN status NOT IN ('resolved', 'reviewed') AND deadline < $1 THEN 1 ELSE 0 END)::int AS overdue
         FROM cases WHERE starts_with(code, $2) ${extra} GROUP BY 1`,
        [TEST_NOW, prefix, ...params],
      )
    ).rows;

  const caseStats = async (token: string, variables: Record<string, unknown>) => {
    const res = await api.gql<{ caseStats: Bucket[] }>(CASE_STATS, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!.caseStats;
  };

  describe('caseStats', () => {
    for (const { username, prefix } of ACCOUNTS) {
      it.each(Object.keys(INDEPENDENT_KEY))(`counts ${username}'s cases by %s as plain SQL does`, async (groupBy) => {
        const buckets = await caseStats(tokens[username]!, { groupBy });
        const expected = await sqlBuckets(groupBy, prefix);
        expect(expected.length).toBeGreaterThan(0);
        expect(buckets.map(({ label: _label, ...b }) => b).sort(byKey)).toEqual(expected.sort(byKey));
      });
    }

    it('lists statuses in lifecycle order and time buckets in time order', async () => {
      const statuses = await caseStats(tokens['demo-township']!, { groupBy: 'status' });
      const order = ['registered', 'mediating', 'assessing', 'dispatched', 'supervising', 'resolved', 'reviewed'];
      const keys = statuses.map((b) => b.key);
      expect(keys).toEqual(order.filter((s) => keys.includes(s)));
      const months = (await caseStats(tokens['demo-township']!, { groupBy: 'month' })).map((b) => b.key);
      expect(months).toEqual([...months].sort());
      expect(months.length).toBeGreaterThanOrEqual(12);
    });

    it('labels unit buckets with the unit name and grid buckets with the grid name', async () => {
      const villages = await caseStats(tokens['demo-township']!, { groupBy: 'village' });
      const names = await api.db.query<{ code: string; name: string }>(
        `SELECT code, name FROM admin_units WHERE code = ANY($1::text[])`,
        [villages.map((b) => b.key)],
      );
      const nameOf = new Map(names.rows.map((r) => [r.code, r.name]));
      expect(villages.every((b) => b.label !== null && b.label === nameOf.get(b.key))).toBe(true);
      const [township] = await caseStats(tokens['demo-township']!, { groupBy: 'township' });
      expect(township).toMatchObject({ key: '371702005000' });
      expect(township!.label).toBeTruthy();
      const grids = await caseStats(tokens['demo-village']!, { groupBy: 'grid' });
      expect(grids.every((b) => typeof b.label === 'string' && b.label.length > 0)).toBe(true);
      const categories = await caseStats(tokens['demo-village']!, { groupBy: 'category' });
      expect(categories.every((b) => b.label === null)).toBe(true);
    });

    it('counts only the jurisdiction: a village worker grouping by township sees only their village', async () => {
      const [bucket, ...rest] = await caseStats(tokens['demo-village']!, { groupBy: 'township' });
      expect(rest).toEqual([]);
      const [village] = await sqlBuckets('township', '371702005001');
      const [township] = await sqlBuckets('township', '371702005');
      expect(bucket!.count).toBe(village!.count);
      expect(bucket!.count).toBeLessThan(township!.count);
    });

    it('gives nothing for an area unit outside the jurisdiction', async () => {
      const buckets = await caseStats(tokens['demo-village']!, {
        groupBy: 'category',
        area: { unitCode: '371702005002' },
      });
      expect(buckets).toEqual([]);
    });

    it('has day buckets that add up to the total of the same filter', async () => {
      const variables = {
        from: '2026-01-01T00:00:00+08:00',
        to: '2026-06-30T00:00:00+08:00',
        status: ['reviewed', 'resolved'],
        area: { unitCode: '371702005000' },
      };
      const days = await caseStats(tokens['demo-city']!, { ...variables, groupBy: 'day' });
      const months = await caseStats(tokens['demo-city']!, { ...variables, groupBy: 'month' });
      const total = await api.gql<{ cases: { totalCount: number } }>(
        `query ($area: Area, $from: DateTime, $to: DateTime, $status: [CaseStatus!]) {
           cases(area: $area, from: $from, to: $to, status: $status) { totalCount } }`,
        variables,
        tokens['demo-city'],
      );
      const sum = (bs: Bucket[]) => bs.reduce((n, b) => n + b.count, 0);
      expect(total.data!.cases.totalCount).toBeGreaterThan(100);
      expect(sum(days)).toBe(total.data!.cases.totalCount);
      expect(sum(months)).toBe(sum(days));
      expect(days[0]!.key >= '2026-01-01' && days.at(-1)!.key <= '2026-06-29').toBe(true);
    });

    it('puts a case reported just after midnight in Shanghai on that Shanghai day', async () => {
      const { rows } = await api.db.query<{ code: string; day: string }>(
        `SELECT code, to_char((reported_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day FROM cases
         WHERE extract(hour FROM reported_at AT TIME ZONE 'UTC') >= 16 ORDER BY code LIMIT 1`,
      );
      const { code, day } = rows[0]!;
      const from = new Date(`${day}T00:00:00+08:00`);
      const to = new Date(from.getTime() + 86_400_000);
      const buckets = await caseStats(tokens['demo-city']!, {
        groupBy: 'day',
        area: { unitCode: code.slice(0, 12) },
        from: from.toISOString(),
        to: to.toISOString(),
      });
      expect(buckets.map((b) => b.key)).toEqual([day]);
    });

    it('refuses an unknown groupBy, a malformed time and a reversed window with BAD_USER_INPUT', async () => {
      const token = tokens['demo-city'];
      const unknown = await api.gql(CASE_STATS, { groupBy: 'weekday' }, token);
      expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const malformed = await api.gql(CASE_STATS, { groupBy: 'day', from: '2026-06-01' }, token);
      expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const reversed = await api.gql(
        CASE_STATS,
        { groupBy: 'day', from: '2026-06-02T00:00:00+08:00', to: '2026-06-01T00:00:00+08:00' },
        token,
      );
      expect(reversed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'from' } });
      const badArea = await api.gql(CASE_STATS, { groupBy: 'day', area: { bbox: [1, 2, 3] } }, token);
      expect(badArea.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'area.bbox' } });
    });

    it('requires a login', async () => {
      const res = await api.gql(CASE_STATS, { groupBy: 'day' });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('summary', () => {
    /** The summary's numbers, computed independently (whole days as local dates). */
    const sqlSummary = async (unit: string, prefix: string) => {
      const { rows } = await api.db.query<{
        name: string;
        new_today: number;
        closed_today: number;
        open: number;
        overdue: number;
        closed_30d: number;
        on_time_30d: number;
        cameras: number;
        online: number;
        offline: number;
        fault: number;
      }>(
        `SELECT
           (SELECT name FROM admin_units WHERE code = $3) AS name,
           count(*) FILTER (WHERE (reported_at AT TIME ZONE 'Asia/Shanghai')::date
             = ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)::int AS new_today,
           count(*) FILTER (WHERE (closed_at AT TIME ZONE 'Asia/Shanghai')::date
             = ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)::int AS closed_today,
           count(*) FILTER (WHERE status NOT IN ('resolved', 'reviewed'))::int AS open,
           count(*) FILTER (WHERE status NOT IN ('resolved', 'reviewed') AND deadline < $1)::int AS overdue,
           count(*) FILTER (WHERE closed_at > $1::timestamptz - interval '720 hours' AND closed_at <= $1)::int
             AS closed_30d,
           count(*) FILTER (WHERE closed_at > $1::timestamptz - interval '720 hours' AND closed_at <= $1
             AND closed_at <= deadline)::int AS on_time_30d,
           (SELECT count(*)::int FROM cameras WHERE starts_with(grid_code, $2)) AS cameras,
           (SELECT count(*)::int FROM cameras WHERE starts_with(grid_code, $2) AND status = 'online') AS online,
           (SELECT count(*)::int FROM cameras WHERE starts_with(grid_code, $2) AND status = 'offline') AS offline,
           (SELECT count(*)::int FROM cameras WHERE starts_with(grid_code, $2) AND status = 'fault') AS fault
         FROM cases WHERE starts_with(village_code, $2)`,
        [TEST_NOW, prefix, unit],
      );
      const levels = await api.db.query<{ level: number; count: number }>(
        `SELECT l AS level, (SELECT count(*)::int FROM risk_points WHERE level = l AND starts_with(grid_code, $1)) AS count
         FROM generate_series(1, 4) AS l ORDER BY l`,
        [prefix],
      );
      return { ...rows[0]!, levels: levels.rows };
    };

    for (const { username, prefix, unit } of ACCOUNTS) {
      it(`gives ${username} the numbers of their own unit, as plain SQL counts them`, async () => {
        const res = await api.gql(SUMMARY, {}, tokens[username]);
        expect(res.errors).toBeUndefined();
        const s = res.data.summary;
        const e = await sqlSummary(unit, prefix);
        expect(s).toEqual({
          unitCode: unit,
          unitName: e.name,
          today: { newCases: e.new_today, closedCases: e.closed_today },
          inProgress: e.open,
          overdue: e.overdue,
          onTimeClosureRate: e.on_time_30d / e.closed_30d,
          cameras: {
            total: e.cameras,
            online: e.online,
            offline: e.offline,
            fault: e.fault,
            onlineRate: e.online / e.cameras,
          },
          riskPointsByLevel: e.levels,
        });
        // The data has something to count on each line, so a zero cannot pass by accident.
        expect(Math.min(s.today.newCases, s.inProgress, s.cameras.total, e.closed_30d)).toBeGreaterThan(0);
        expect(s.riskPointsByLevel.map((r: { level: number }) => r.level)).toEqual([1, 2, 3, 4]);
      });
    }

    it('summarises a unit inside the jurisdiction when asked, the same as its own viewer sees it', async () => {
      const asked = await api.gql(SUMMARY, { unitCode: '371702005001' }, tokens['demo-city']);
      const own = await api.gql(SUMMARY, {}, tokens['demo-village']);
      expect(asked.errors).toBeUndefined();
      expect(asked.data.summary).toEqual(own.data.summary);
    });

    it('answers NOT_FOUND for a unit outside the jurisdiction, the same as for one that does not exist', async () => {
      const outside = await api.gql(SUMMARY, { unitCode: '371702005000' }, tokens['demo-village']);
      expect(outside.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(outside.data).toBeNull();
      const missing = await api.gql(SUMMARY, { unitCode: '371702005999' }, tokens['demo-township']);
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('keeps counting cameras and risk points right as they are added, changed, moved and removed', async () => {
      const village = '371702005001';
      await api.db.query(
        `INSERT INTO cameras (id, name, kind, status, owner_unit, grid_code, geom)
         SELECT overlay(id PLACING (999990 + n)::text FROM 15 FOR 6), name, kind, 'fault', owner_unit, grid_code, geom
         FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM cameras WHERE grid_code LIKE $1) c WHERE n <= 2`,
        [`${village}%`],
      );
      await api.db.query(
        `UPDATE cameras SET status = CASE status WHEN 'online' THEN 'offline' ELSE 'online' END
         WHERE id IN (SELECT id FROM cameras WHERE grid_code LIKE $1 ORDER BY id LIMIT 7)`,
        [`${village}%`],
      );
      await api.db.query(
        `UPDATE cameras SET grid_code = (SELECT min(code) FROM grids WHERE code LIKE '371702005%' AND code NOT LIKE $1)
         WHERE id = (SELECT max(id) FROM cameras WHERE grid_code LIKE $1)`,
        [`${village}%`],
      );
      await api.db.query(
        `UPDATE risk_points SET level = 1 + level % 4
         WHERE id IN (SELECT id FROM risk_points WHERE grid_code LIKE $1 ORDER BY id LIMIT 5)`,
        [`${village}%`],
      );
      await api.db.query(
        `DELETE FROM risk_points WHERE id = (SELECT min(id) FROM risk_points WHERE grid_code LIKE $1)`,
        [`${village}%`],
      );
      await api.db.query(`DELETE FROM cameras WHERE id = (SELECT min(id) FROM cameras WHERE grid_code LIKE $1)`, [
        `${village}%`,
      ]);
      for (const [token, unit, prefix] of [
        [tokens['demo-village'], village, village],
        [tokens['demo-township'], '371702005000', '371702005'],
      ] as const) {
        const s = (await api.gql(SUMMARY, {}, token)).data.summary;
        const e = await sqlSummary(unit, prefix);
        expect(s.cameras).toMatchObject({ total: e.cameras, online: e.online, offline: e.offline, fault: e.fault });
        expect(s.riskPointsByLevel).toEqual(e.levels);
      }
    });

    it('refuses a malformed unit code with BAD_USER_INPUT', async () => {
      const res = await api.gql(SUMMARY, { unitCode: '37170200500' }, tokens['demo-city']);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'unitCode' } });
    });
  });
});
