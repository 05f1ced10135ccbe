/**
 * Every account level × every list, count and aggregate: what comes back is exactly what
 * lies inside the account's jurisdiction, totals included, compared with plain SQL. The cases
 * cover every Query and Subscription field of the schema and every HTTP route of the app, read
 * from them (test/jurisdiction/inventory.ts); the HTTP routes and subscriptions run in
 * jurisdiction-http.spec.ts and jurisdiction-live.spec.ts.
 */
import { expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { missing, stale, twice, unprobed } from '../../test/jurisdiction/coverage.js';
import { ROUTE_CASES, ROUTE_EXEMPTIONS, ROUTE_PLACE_PARAMETERS } from '../../test/jurisdiction/http-cases.js';
import { appRoutes, schemaFields } from '../../test/jurisdiction/inventory.js';
import { liveCases } from '../../test/jurisdiction/live-cases.js';
import { QUERY_CASES, QUERY_EXEMPTIONS } from '../../test/jurisdiction/query-cases.js';
import { eachCaseAndLevel, matrixSuite } from '../../test/jurisdiction/run.js';
import { decodeFeed } from '../domain/feed-decode.js';
import { schema } from './schema.js';

const FIELD_CASES = [
  ...QUERY_CASES,
  ...liveCases(() => {
    throw new Error('the live cases run in jurisdiction-live.spec.ts');
  }),
];
const FIELDS = schemaFields(schema);

it('has a jurisdiction case or an exemption for every Query and Subscription field', () => {
  expect(
    missing(
      FIELDS.map((f) => f.name),
      FIELD_CASES,
      QUERY_EXEMPTIONS,
    ),
  ).toEqual([]);
});

it('has no case or exemption for a field the schema no longer has, and none twice', () => {
  expect(
    stale(
      FIELDS.map((f) => f.name),
      FIELD_CASES,
      QUERY_EXEMPTIONS,
    ),
  ).toEqual([]);
  expect(twice(FIELD_CASES, QUERY_EXEMPTIONS)).toEqual([]);
});

it('points every place argument of every field (area, unit, parent, village, code, id) outside', () => {
  const places = Object.fromEntries(FIELDS.map((f) => [f.name, f.placeArguments]));
  expect(unprobed(places, FIELD_CASES)).toEqual([]);
});

it('points every place parameter of every route outside', () => {
  expect(unprobed(ROUTE_PLACE_PARAMETERS, ROUTE_CASES)).toEqual([]);
});

const ACCOUNTS = [
  { username: 'demo-city', prefix: '3717' },
  { username: 'demo-county', prefix: '371702' },
  { username: 'demo-township', prefix: '371702005' },
  { username: 'demo-village', prefix: '371702005001' },
] as const;

const LISTS = `{
  cases(first: 1) { totalCount }
  overdue: cases(first: 1, overdue: true) { totalCount }
  cameras(first: 1) { totalCount }
  riskPoints(first: 1) { totalCount }
  grids(first: 1) { totalCount }
  adminUnits { code counts { grids cameras riskPoints openCases } }
  byStatus: caseStats(groupBy: status) { count }
  summary { inProgress overdue cameras { total } }
}`;

eachDriver('jurisdiction matrix', (driver) => {
  const suite = matrixSuite(driver);

  it('has a jurisdiction case or an exemption for every HTTP route of the app, and none stale', () => {
    const routes = appRoutes(suite.api.express as never);
    expect(missing(routes, ROUTE_CASES, ROUTE_EXEMPTIONS)).toEqual([]);
    expect(stale(routes, ROUTE_CASES, ROUTE_EXEMPTIONS)).toEqual([]);
    expect(twice(ROUTE_CASES, ROUTE_EXEMPTIONS)).toEqual([]);
  });

  eachCaseAndLevel(QUERY_CASES, suite);

  const count = async (sql: string, prefix: string, extra: unknown[] = []) =>
    (await suite.api.db.query<{ n: number }>(sql, [`${prefix}%`, ...extra])).rows[0]!.n;

  it.each(ACCOUNTS)(
    '$username sees exactly its own territory in every list and total',
    async ({ username, prefix }) => {
      const token = await suite.api.login(username);
      const res = await suite.api.gql(LISTS, {}, token);
      expect(res.errors).toBeUndefined();
      const d = res.data;
      expect(d.cases.totalCount).toBe(
        await count('SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1', prefix),
      );
      expect(d.overdue.totalCount).toBe(
        await count(
          'SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1 AND closed_at IS NULL AND deadline < $2',
          prefix,
          [new Date('2026-06-30T10:00:00+08:00')],
        ),
      );
      expect(d.cameras.totalCount).toBe(
        await count('SELECT count(*)::int AS n FROM cameras WHERE grid_code LIKE $1', prefix),
      );
      expect(d.riskPoints.totalCount).toBe(
        await count('SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE $1', prefix),
      );
      expect(d.grids.totalCount).toBe(
        await count('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE $1', prefix),
      );
      const total = d.cases.totalCount;
      expect(d.byStatus.reduce((sum: number, b: { count: number }) => sum + b.count, 0)).toBe(total);
      expect(d.summary.inProgress).toBe(
        await count('SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1 AND closed_at IS NULL', prefix),
      );
      expect(d.summary.overdue).toBe(d.overdue.totalCount);
      expect(d.summary.cameras.total).toBe(d.cameras.totalCount);
      for (const [feed, expected] of [
        ['cameras', d.cameras.totalCount],
        ['cases', total],
        ['risk-points', d.riskPoints.totalCount],
      ] as const) {
        const res = await fetch(`${suite.api.base}/feeds/${feed}`, { headers: { authorization: `Bearer ${token}` } });
        expect(decodeFeed(new Uint8Array(await res.arrayBuffer())).rows, feed).toBe(expected);
      }
      for (const unit of d.adminUnits) expect(unit.code.startsWith(prefix), unit.code).toBe(true);
      expect(d.adminUnits.length).toBe(
        await count('SELECT count(*)::int AS n FROM admin_units WHERE code LIKE $1', prefix),
      );
    },
  );

  it.each(ACCOUNTS)('$username counts only its own territory in layerCounts', async ({ username, prefix }) => {
    const token = await suite.api.login(username);
    const res = await suite.api.gql(
      '{ layerCounts { adminUnits grids cameras riskPoints cases caseEvents } }',
      {},
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.layerCounts).toEqual({
      adminUnits: await count('SELECT count(*)::int AS n FROM admin_units WHERE code LIKE $1', prefix),
      grids: await count('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE $1', prefix),
      cameras: await count('SELECT count(*)::int AS n FROM cameras WHERE grid_code LIKE $1', prefix),
      riskPoints: await count('SELECT count(*)::int AS n FROM risk_points WHERE grid_code LIKE $1', prefix),
      cases: await count('SELECT count(*)::int AS n FROM cases WHERE village_code LIKE $1', prefix),
      caseEvents: await count('SELECT count(*)::int AS n FROM case_events WHERE case_code LIKE $1', prefix),
    });
  });

  it('tells an anonymous health check whether the data is there, and no counts', async () => {
    const res = await fetch(`${suite.api.base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; data: Record<string, unknown> };
    expect(body.status).toBe('ok');
    expect(body.data).toEqual({ loaded: true, synthetic: true });
  });

  it.each(ACCOUNTS.filter((a) => a.prefix !== '3717'))(
    '$username cannot read a unit just outside its territory',
    async ({ username, prefix }) => {
      const token = await suite.api.login(username);
      const { rows } = await suite.api.db.query<{ code: string }>(
        'SELECT code FROM admin_units WHERE code NOT LIKE $1 ORDER BY code LIMIT 1',
        [`${prefix}%`],
      );
      const res = await suite.api.gql('query ($u: ID!) { adminUnit(code: $u) { code } }', { u: rows[0]!.code }, token);
      expect(res.data).toEqual({ adminUnit: null });
    },
  );

  it('demo-department sees exactly the cases dispatched to its department inside its unit', async () => {
    const department = '37170200500001';
    // One part inside the unit and one (made by hand, as no move would) on a case outside it.
    const { rows } = await suite.api.db.query<{ inside: string; outside: string }>(
      `SELECT (SELECT min(code) FROM cases WHERE village_code = '371702005001') AS inside,
              (SELECT min(code) FROM cases WHERE village_code = '371702001901') AS outside`,
    );
    const { inside, outside } = rows[0]!;
    for (const c of [inside, outside]) {
      await suite.api.db.query(
        `INSERT INTO case_assignments (case_code, department_code, role, state, rules_version, answer_by, deadline_at,
           offered_by, offered_at)
         VALUES ($1, $2, 'lead', 'offered', 'dispatch-v1', $3::timestamptz + interval '1 day',
           $3::timestamptz + interval '10 days', 'demo-township', $3)`,
        [c, department, new Date('2026-06-30T09:00:00+08:00')],
      );
    }
    const token = await suite.api.login('demo-department');
    const res = await suite.api.gql(
      `query ($o: ID!) {
         cases(first: 10) { totalCount edges { node { code } } }
         outside: case(code: $o) { code }
         departments { code centerUnitCode }
       }`,
      { o: outside },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.cases).toEqual({ totalCount: 1, edges: [{ node: { code: inside } }] });
    expect(res.data.outside).toBeNull();
    const own = await suite.api.db.query<{ code: string }>(
      `SELECT code FROM departments WHERE center_unit_code = '371702005000' ORDER BY code`,
    );
    expect(res.data.departments.map((d: { code: string }) => d.code)).toEqual(own.rows.map((r) => r.code));
    for (const query of ['{ cameras(first: 1) { totalCount } }', '{ summary { inProgress } }']) {
      expect((await suite.api.gql(query, {}, token)).errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
  });

  // The tiny city has cases and grids in one township only: a village account is the level
  // with such objects just outside it.
  it('demo-village cannot read a case or grid of the neighbouring village', async () => {
    const token = await suite.api.login('demo-village');
    const outside = async (sql: string) => (await suite.api.db.query<{ c: string }>(sql)).rows[0]!.c;
    const caseCode = await outside(`SELECT code AS c FROM cases WHERE village_code <> '371702005001' LIMIT 1`);
    const gridCode = await outside(`SELECT code AS c FROM grids WHERE village_code <> '371702005001' LIMIT 1`);
    const res = await suite.api.gql(
      'query ($c: ID!, $g: ID!) { case(code: $c) { code } grid(code: $g) { code } }',
      { c: caseCode, g: gridCode },
      token,
    );
    expect(res.data).toEqual({ case: null, grid: null });
  });
});
