import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { TINY_DATASET_DIR } from '../../../test/fixtures.js';
import { runDue } from '../../stability/scheduler.js';
import { EventBus } from '../../events/bus.js';
import { collect, connect, until } from '../../../test/live.js';

const TOWNSHIP = '371702005000';
const PUBLISH = `mutation ($period: IndexPeriod!, $at: DateTime, $reason: String) {
  publishIndex(period: $period, at: $at, reason: $reason) { period periodStart periodEnd revision weightsVersion reason publishedBy unitCount } }`;
const INDEX = `query ($unitCode: ID, $period: IndexPeriod!, $at: DateTime) {
  stabilityIndex(unitCode: $unitCode, period: $period, at: $at) {
    unitCode unitName level periodStart periodEnd score band population weightsVersion revision reason rank rankOf
    indicators { key label rawValue normalised weight contribution }
    revisions { revision score reason publishedBy } } }`;
const RANKING = `query ($parentCode: ID, $period: IndexPeriod!, $at: DateTime) {
  ranking(parentCode: $parentCode, period: $period, at: $at) { parentCode revision entries { rank unitCode score band } } }`;
const HOTSPOTS = `query ($unitCode: ID, $from: DateTime!, $to: DateTime!, $fdr: Boolean) {
  hotspots(unitCode: $unitCode, from: $from, to: $to, fdr: $fdr) { gridCode count zScore pValue bin } }`;
const EMERGING = `query ($unitCode: ID, $from: DateTime!, $to: DateTime!) {
  emergingHotspots(unitCode: $unitCode, from: $from, to: $to) { gridCode category trendZ hotWeeks weeks } }`;
const MAY = '2026-05-15T12:00:00+08:00';

eachDriver('the stability index, hotspots and warnings over GraphQL', (driver) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  let planted: { hotspot_grids: string[]; emerging_hotspot_grids: string[] };
  const events = new EventBus();
  const PUBLISHED = 'subscription ($u: ID) { indexPublished(unitCode: $u) { period periodStart revision } }';
  /** What a village's subscriber hears while `work` runs. */
  async function heard(work: () => Promise<unknown>, count: number): Promise<unknown[]> {
    const client = connect(api, tokens['demo-village']);
    try {
      const live = collect(client, PUBLISHED, { u: '371702005001' });
      await live.started;
      await work();
      await until(() => live.received.length >= count || live.errors.length > 0);
      expect(live.errors).toEqual([]);
      return live.received.map((r) => r.data.indexPublished);
    } finally {
      await client.dispose();
    }
  }

  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', () => TEST_NOW, events);
    for (const u of ['demo-admin', 'demo-city', 'demo-village', 'demo-township']) tokens[u] = await api.login(u);
    planted = JSON.parse(await readFile(join(TINY_DATASET_DIR, 'manifest.json'), 'utf8')).planted;
  });
  afterAll(() => api.stop());

  it('lets only the administrator publish', async () => {
    const res = await api.gql(PUBLISH, { period: 'month', at: MAY }, tokens['demo-city']);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('publishes a month for every grid and unit, with the indicator breakdown', async () => {
    const res = await api.gql(PUBLISH, { period: 'month', at: MAY }, tokens['demo-admin']);
    expect(res.errors).toBeUndefined();
    expect(res.data.publishIndex).toMatchObject({ periodStart: '2026-05-01', periodEnd: '2026-05-31', revision: 1 });
    // 86 grids, their villages, the township, the county and the city.
    expect(res.data.publishIndex.unitCount).toBeGreaterThan(86);

    const index = (await api.gql(INDEX, { unitCode: TOWNSHIP, period: 'month', at: MAY }, tokens['demo-township'])).data
      .stabilityIndex;
    expect(index).toMatchObject({ level: 'township', revision: 1, weightsVersion: '2026.1', rank: 1, rankOf: 1 });
    expect(index.indicators).toHaveLength(11);
    const sum = index.indicators.reduce((a: number, i: { contribution: number }) => a + i.contribution, 0);
    expect(sum).toBeCloseTo(index.score, 3);

    // The township's case rate from its own counts, computed here independently.
    const { rows } = await api.db.query<{ cases: number; population: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE village_code LIKE '371702005%'
                 AND reported_at >= '2026-05-01T00:00:00+08:00' AND reported_at < '2026-06-01T00:00:00+08:00') AS cases,
              (SELECT sum(population)::int FROM grids WHERE valid_to IS NULL AND code LIKE '371702005%') AS population`,
    );
    const expected = (rows[0]!.cases / rows[0]!.population) * 10_000 * (30 / 31);
    expect(index.indicators.find((i: { key: string }) => i.key === 'case_rate').rawValue).toBeCloseTo(expected, 4);
    expect(index.population).toBe(rows[0]!.population);
  });

  it('keeps a published figure: a recomputation is a new revision with a reason', async () => {
    const noReason = await api.gql(PUBLISH, { period: 'month', at: MAY }, tokens['demo-admin']);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    let revised: any;
    // Every subscriber hears of it, a village's too: a publication covers every unit.
    const told = await heard(async () => {
      revised = await api.gql(
        PUBLISH,
        { period: 'month', at: MAY, reason: 'late cases entered' },
        tokens['demo-admin'],
      );
    }, 1);
    expect(revised.data.publishIndex).toMatchObject({ revision: 2, reason: 'late cases entered' });
    expect(told).toEqual([{ period: 'month', periodStart: '2026-05-01', revision: 2 }]);
    const index = (await api.gql(INDEX, { unitCode: TOWNSHIP, period: 'month', at: MAY }, tokens['demo-township'])).data
      .stabilityIndex;
    expect(index.revision).toBe(2);
    expect(index.revisions.map((r: { revision: number; reason: string | null }) => [r.revision, r.reason])).toEqual([
      [1, null],
      [2, 'late cases entered'],
    ]);
    await expect(api.db.query(`UPDATE index_snapshots SET score = 100`)).rejects.toThrow(/append-only/);
    await expect(api.db.query(`DELETE FROM index_publications`)).rejects.toThrow(/append-only/);
  });

  it('refuses to publish a period that has not ended', async () => {
    const res = await api.gql(PUBLISH, { period: 'week', at: TEST_NOW.toISOString() }, tokens['demo-admin']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
  });

  it('ranks the villages of the township, most stable first', async () => {
    const ranking = (await api.gql(RANKING, { parentCode: TOWNSHIP, period: 'month', at: MAY }, tokens['demo-city']))
      .data.ranking;
    expect(ranking.entries.length).toBeGreaterThan(1);
    expect(ranking.entries.every((e: { unitCode: string }) => e.unitCode.startsWith('371702005'))).toBe(true);
    const scores = ranking.entries.map((e: { score: number }) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('does not show a unit outside the jurisdiction', async () => {
    const res = await api.gql(INDEX, { unitCode: TOWNSHIP, period: 'month', at: MAY }, tokens['demo-village']);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const hot = await api.gql(
      HOTSPOTS,
      { unitCode: TOWNSHIP, from: '2025-07-01T00:00:00+08:00', to: MAY },
      tokens['demo-village'],
    );
    expect(hot.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('finds the planted hotspot grids as Gi* hot spots over the year', async () => {
    const res = await api.gql(
      HOTSPOTS,
      { unitCode: TOWNSHIP, from: '2025-07-01T00:00:00+08:00', to: TEST_NOW.toISOString(), fdr: true },
      tokens['demo-township'],
    );
    expect(res.errors).toBeUndefined();
    const cells = new Map(res.data.hotspots.map((c: { gridCode: string }) => [c.gridCode, c]));
    const { rows } = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL AND code LIKE '371702005%'`,
    );
    expect(cells.size).toBe(rows[0]!.n);
    const inTownship = planted.hotspot_grids.filter((g) => g.startsWith('371702005'));
    expect(inTownship.length).toBeGreaterThan(0);
    expect(inTownship.map((grid) => [grid, (cells.get(grid) as { bin: number }).bin >= 2])).toEqual(
      inTownship.map((grid) => [grid, true]),
    );
  });

  it('finds the planted emerging hotspot grids with a pattern over the last twelve weeks', async () => {
    const res = await api.gql(
      EMERGING,
      { unitCode: TOWNSHIP, from: '2026-04-06T00:00:00+08:00', to: '2026-06-29T00:00:00+08:00' },
      tokens['demo-township'],
    );
    expect(res.errors).toBeUndefined();
    const found = new Map(
      res.data.emergingHotspots.map((e: { gridCode: string; category: string }) => [e.gridCode, e.category]),
    );
    const inTownship = planted.emerging_hotspot_grids.filter((g) => g.startsWith('371702005'));
    expect(inTownship.length).toBeGreaterThan(0);
    for (const grid of inTownship) expect(found.get(grid)).toBeDefined();
  });

  it('publishes each closed period once from the scheduler and checks the day', async () => {
    let first!: Awaited<ReturnType<typeof runDue>>;
    const told = await heard(async () => {
      first = await runDue({ db: api.db, events, now: () => TEST_NOW });
    }, 2);
    expect(told).toEqual([
      { period: 'day', periodStart: '2026-06-29', revision: 1 },
      { period: 'week', periodStart: '2026-06-22', revision: 1 },
    ]);
    // May was published by the tests above, so the scheduler leaves it alone.
    expect(first.published.map((p) => [p.kind, p.start, p.revision])).toEqual([
      ['day', '2026-06-29', 1],
      ['week', '2026-06-22', 1],
    ]);
    expect(first.warnings).not.toBeNull();
    const again = await runDue({ db: api.db, events, now: () => TEST_NOW });
    expect(again).toEqual({ published: [], warnings: null });
  });
});
