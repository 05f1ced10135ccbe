/**
 * Random and hostile arguments thrown at the stability index, publishing and hotspots: every
 * answer is data or a clean error, and publishing writes whole publications or nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../../../test/api.js';
import { CLEAN_ERROR_CODES, hostileNumber, hostileString } from '../../../test/hostile.js';

const RUNS = 25;

function expectClean(res: GraphQLResponse<unknown>): void {
  for (const e of res.errors ?? []) {
    expect(CLEAN_ERROR_CODES, `${e.message}`).toContain(e.extensions?.code);
  }
}

/** Instants a client may send: real ones around the data, edge cases, and junk. */
const hostileDateTime = fc.oneof(
  fc.constant(null),
  fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-07-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-02-30T00:00:00+08:00',
    '2026-06-30',
    '2026-06-30T00:00:00',
    '9999-12-31T23:59:59Z',
    '0001-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '1970-01-01T00:00:00Z',
  ),
  hostileString,
  hostileNumber,
);

const hostileUnit = fc.oneof(
  fc.constant(null),
  fc.constantFrom('371702005000', '371702005001', '371702005001001', '371700000000', '110000000000', '37170200500'),
  hostileString,
);

const hostilePeriod = fc.oneof(fc.constantFrom('day', 'week', 'month'), hostileString);

eachDriver('hostile input to the stability index', (driver) => {
  let api: TestApi;
  let admin: string;
  let township: string;
  beforeAll(async () => {
    api = await startTestApi(driver);
    admin = await api.login('demo-admin');
    township = await api.login('demo-township');
  });
  afterAll(() => api.stop());

  const written = async () =>
    (
      await api.db.query<{ publications: number; announced: number; snapshots: number }>(
        `SELECT (SELECT count(*)::int FROM index_publications) AS publications,
           (SELECT coalesce(sum(unit_count), 0)::int FROM index_publications) AS announced,
           (SELECT count(*)::int FROM index_snapshots) AS snapshots`,
      )
    ).rows[0]!;

  it('publishIndex answers cleanly and writes whole publications or nothing', async () => {
    const before = await written();
    let succeeded = 0;
    await fc.assert(
      fc.asyncProperty(
        hostilePeriod,
        hostileDateTime,
        fc.oneof(fc.constant(null), fc.constant('recomputed after late cases'), hostileString),
        async (period, at, reason) => {
          const res = await api.gql(
            'mutation ($p: IndexPeriod!, $at: DateTime, $r: String) { publishIndex(period: $p, at: $at, reason: $r) { revision unitCount } }',
            { p: period, at, r: reason },
            admin,
          );
          expectClean(res);
          if ((res.data as any)?.publishIndex) succeeded++;
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    const after = await written();
    expect(after.publications - before.publications).toBe(succeeded);
    expect(after.snapshots).toBe(after.announced);
  });

  it('stabilityIndex, its history and the ranking answer cleanly to hostile units, periods and times', async () => {
    await fc.assert(
      fc.asyncProperty(hostileUnit, hostilePeriod, hostileDateTime, hostileDateTime, async (unit, period, at, to) => {
        const index = await api.gql(
          'query ($u: ID, $p: IndexPeriod!, $at: DateTime) { stabilityIndex(unitCode: $u, period: $p, at: $at) { score band indicators { key } } }',
          { u: unit, p: period, at },
          township,
        );
        expectClean(index);
        const history = await api.gql(
          'query ($u: ID, $p: IndexPeriod!, $f: DateTime!, $t: DateTime!) { stabilityIndexHistory(unitCode: $u, period: $p, from: $f, to: $t) { score } }',
          { u: unit, p: period, f: at, t: to },
          township,
        );
        expectClean(history);
        const ranking = await api.gql(
          'query ($u: ID, $p: IndexPeriod!, $at: DateTime) { ranking(parentCode: $u, period: $p, at: $at) { entries { unitCode } } }',
          { u: unit, p: period, at },
          township,
        );
        expectClean(ranking);
      }),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it('hotspots answer cleanly to hostile units, windows, categories and flags', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileUnit,
        hostileDateTime,
        hostileDateTime,
        fc.oneof(fc.constant(null), fc.constant('neighbour'), hostileString),
        fc.oneof(fc.constant(null), fc.boolean(), hostileString, hostileNumber),
        async (unit, from, to, category, fdr) => {
          const res = await api.gql(
            'query ($u: ID, $f: DateTime!, $t: DateTime!, $c: CaseCategory, $fdr: Boolean) { hotspots(unitCode: $u, from: $f, to: $t, category: $c, fdr: $fdr) { gridCode bin } }',
            { u: unit, f: from, t: to, c: category, fdr },
            township,
          );
          expectClean(res);
          const grids = (res.data as { hotspots?: { gridCode: string }[] } | undefined)?.hotspots ?? [];
          for (const g of grids) expect(g.gridCode.startsWith('371702005')).toBe(true);
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    expect((await api.db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });
});
