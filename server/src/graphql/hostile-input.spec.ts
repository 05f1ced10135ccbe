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
