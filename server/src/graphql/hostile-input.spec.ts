/**
 * Random and hostile input thrown at the mutations and filters: every answer is data or a
 * clean error (never an internal error), the database keeps answering, and nothing changes
 * unless a request succeeded.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../../test/api.js';
import { CLEAN_ERROR_CODES, hostileGeometry, hostileNumber, hostileString } from '../../test/hostile.js';

const RUNS = 25;

function expectClean(res: GraphQLResponse<unknown>): void {
  for (const e of res.errors ?? []) {
    expect(CLEAN_ERROR_CODES, `${e.message}`).toContain(e.extensions?.code);
  }
}

eachDriver('hostile input', (driver) => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-township');
  });
  afterAll(() => api.stop());

  const counts = async () =>
    (
      await api.db.query<{ cases: number; events: number }>(
        'SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events',
      )
    ).rows[0]!;

  it('reportCase answers cleanly and writes only what succeeded', async () => {
    const before = await counts();
    let succeeded = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          category: fc.oneof(fc.constantFrom('neighbour', 'land'), hostileString),
          severity: fc.oneof(fc.constant('low'), hostileString),
          source: fc.constant('hotline'),
          lon: fc.oneof(fc.double({ min: 115.3, max: 115.6, noNaN: true }), hostileNumber),
          lat: fc.oneof(fc.double({ min: 35.1, max: 35.4, noNaN: true }), hostileNumber),
          note: fc.oneof(fc.constant(null), hostileString),
        }),
        async (input) => {
          const res = await api.gql(
            'mutation ($i: ReportCaseInput!) { reportCase(input: $i) { code } }',
            { i: input },
            token,
          );
          expectClean(res);
          if ((res.data as any)?.reportCase) succeeded++;
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    const after = await counts();
    expect(after.cases - before.cases).toBe(succeeded);
    expect(after.events - before.events).toBe(succeeded);
  });

  it('advanceCase answers cleanly and changes nothing on hostile codes, actions and versions', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        hostileString,
        fc.oneof(fc.constant('advance'), hostileString),
        hostileNumber,
        async (code, action, version) => {
          const res = await api.gql(
            'mutation ($c: ID!, $a: CaseAction!, $v: Int!) { advanceCase(code: $c, action: $a, expectedVersion: $v) { code } }',
            { c: code, a: action, v: version },
            token,
          );
          expectClean(res);
          expect(res.data ?? null).toBeNull();
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    expect(await counts()).toEqual(before);
  });

  it('cases filters answer cleanly on hostile areas, times and cursors', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileGeometry,
        fc.oneof(fc.constant(null), fc.array(hostileNumber, { maxLength: 5 })),
        fc.oneof(fc.constant(null), hostileString),
        fc.oneof(fc.constant(null), hostileString),
        async (polygon, bbox, from, after) => {
          const res = await api.gql(
            'query ($area: Area, $from: DateTime, $after: String) { cases(area: $area, from: $from, after: $after, first: 5) { totalCount } }',
            { area: { polygon, bbox }, from, after },
            token,
          );
          expectClean(res);
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    expect((await api.db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  // A hostile Area: any mix of unit code, bbox, near and polygon.
  const hostileArea = fc.oneof(
    fc.constant(null),
    fc.record(
      {
        unitCode: fc.oneof(fc.constant(null), hostileString, fc.constant('371702005000')),
        bbox: fc.oneof(fc.constant(null), fc.array(hostileNumber, { maxLength: 5 })),
        near: fc.oneof(
          fc.constant(null),
          fc.record({ lon: hostileNumber, lat: hostileNumber, radiusMeters: hostileNumber }),
        ),
        polygon: hostileGeometry,
      },
      { requiredKeys: [] },
    ),
  );
  const hostileList = fc.oneof(fc.constant(null), fc.array(hostileString, { maxLength: 3 }));

  it('the other lists, aggregates and the summary answer cleanly on hostile filters', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        hostileArea,
        hostileList,
        fc.array(fc.oneof(hostileNumber, fc.integer({ min: 1, max: 4 })), { maxLength: 3 }),
        fc.oneof(fc.constant(null), hostileString),
        fc.oneof(fc.constant(null), hostileString),
        fc.constantFrom('category', 'status', 'township', 'day', 'month', 'nope', ''),
        fc.oneof(fc.constant(null), fc.integer(), hostileNumber),
        async (area, names, levels, from, unitCode, groupBy, first) => {
          const answers = [
            await api.gql(
              'query ($area: Area, $s: [CameraStatus!], $first: Int) { cameras(area: $area, status: $s, first: $first) { totalCount } }',
              { area, s: names, first },
              token,
            ),
            await api.gql(
              'query ($area: Area, $l: [Int!], $c: [String!]) { riskPoints(area: $area, level: $l, category: $c) { totalCount } }',
              { area, l: levels, c: names },
              token,
            ),
            await api.gql(
              'query ($area: Area, $after: String) { grids(area: $area, after: $after) { totalCount } }',
              { area, after: from },
              token,
            ),
            await api.gql(
              'query ($area: Area, $from: DateTime, $to: DateTime, $g: CaseGroupBy!) { caseStats(area: $area, from: $from, to: $to, groupBy: $g) { key } }',
              { area, from, to: unitCode, g: groupBy },
              token,
            ),
            await api.gql('query ($u: ID) { summary(unitCode: $u) { unitCode } }', { u: unitCode }, token),
            await api.gql(
              'query ($u: ID, $c: ID!) { adminUnits(parentCode: $u) { code } adminUnit(code: $c) { code } }',
              { u: unitCode, c: unitCode ?? '' },
              token,
            ),
          ];
          for (const res of answers) expectClean(res);
        },
      ),
      { numRuns: RUNS, seed: 7 },
    );
    expect((await api.db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    expect(await counts()).toEqual(before);
  });

  it('the binary feeds answer hostile parameters with 400 or 404 and a message naming the parameter', async () => {
    const value = fc.oneof(hostileString, hostileNumber.map(String), fc.constant('115,35,116,36'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('cameras', 'cases', 'risk-points'),
        fc.dictionary(fc.constantFrom('unit', 'bbox', 'from', 'to', 'status', 'category', 'ids', 'x'), value, {
          maxKeys: 4,
        }),
        async (layer, query) => {
          const res = await fetch(`${api.base}/feeds/${layer}?${new URLSearchParams(query)}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (res.status === 200) {
            expect(res.headers.get('content-type')).toContain('application/vnd.apache.arrow.stream');
            return;
          }
          expect([400, 404]).toContain(res.status);
          const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
          expect(body.error.message.length).toBeGreaterThan(0);
          if (res.status === 400) expect(Object.keys(query)).toContain(body.error.field);
        },
      ),
      { numRuns: RUNS, seed: 11 },
    );
    expect((await api.db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('login answers cleanly to hostile names and passwords', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (u, p) => {
        const res = await api.gql(
          'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
          { u, p },
        );
        expectClean(res);
        expect(res.data ?? null).toBeNull();
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });
});
