/**
 * Open screens follow what happens while nobody touches them, within seconds and without a
 * reload: the wall draws a planner's committed split and counts a reported case; the planner
 * learns that someone else changed the village being edited; the review reads the village's
 * grids again.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import { COMMIT_GRID_CHANGE, splitBiggestGrid } from '../server/test/grid-split.js';
import { waitForMap } from './support/page.js';
import { browserSuite } from './support/suite.js';

const VILLAGE = '371702005001';
const PLANNED_VILLAGE = '371702005003';
const REVIEWED_VILLAGE = '371702005004';
/** Well within "seconds": the wall refreshes its grids a second after the event, its numbers three. */
const FOLLOW_MS = 10_000;

const suite = browserSuite();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  await page.clock.setFixedTime(TEST_NOW);
  await page.goto(`${suite.server.base}/wall?kiosk=demo-wall&unit=${VILLAGE}&e2e`);
  await waitForMap(page);
}, 300_000);

afterAll(async () => {
  await context?.close();
});

const drawnGrids = (p: Page) => p.evaluate(() => ((window as any).__wallMap?.drawn().grids ?? []) as string[]);

/** Splits the village's biggest grid, committed as `username`, an hour before the test clock. */
async function commitSplit(village: string, username: string) {
  const run = (query: string, variables: Record<string, unknown>) => suite.server.gql(query, variables, username);
  const { grids, baseVersions } = await splitBiggestGrid(run, village);
  await run(COMMIT_GRID_CHANGE, {
    input: { villageCode: village, grids },
    expected: baseVersions,
    from: new Date(TEST_NOW.getTime() - 3_600_000).toISOString(),
    reason: '拆分网格',
  });
}

const kpi = async (p: Page, id: string) => Number(await p.getAttribute(`[data-testid=kpi-${id}]`, 'data-value'));

describe('an open wall on a village', () => {
  it('draws the new grids of a committed split without a reload', async () => {
    await expect.poll(() => drawnGrids(page), { timeout: 30_000 }).not.toEqual([]);
    const before = await drawnGrids(page);
    await commitSplit(VILLAGE, 'demo-planner');
    await expect.poll(() => drawnGrids(page).then((g) => g.length), { timeout: FOLLOW_MS }).toBe(before.length + 1);
    const after = await drawnGrids(page);
    expect(after.filter((code) => !before.includes(code))).toHaveLength(1);
  });

  it('counts a case reported meanwhile in its numbers', async () => {
    const before = await kpi(page, 'newCases');
    const { lon, lat } = (
      await suite.server.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE village_code = $1 ORDER BY code LIMIT 1) s`,
        [VILLAGE],
      )
    ).rows[0]!;
    await suite.server.gql(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { code } }`,
      { input: { category: 'neighbour', severity: 'low', source: 'patrol', lon, lat } },
      'demo-village',
    );
    await expect.poll(() => kpi(page, 'newCases'), { timeout: FOLLOW_MS }).toBe(before + 1);
  });

  it('reads the stability index again when it is published, and gets the new revision', async () => {
    // The last closed month before the test clock; published again (with a reason) if it was.
    const month = '2026-05-01';
    const at = `${month}T12:00:00+08:00`;
    const before = await suite.server.gql<{ stabilityIndex: { revision: number } | null }>(
      `query ($u: ID, $at: DateTime) { stabilityIndex(unitCode: $u, period: month, at: $at) { revision } }`,
      { u: VILLAGE, at },
    );
    const revision = (before.stabilityIndex?.revision ?? 0) + 1;
    const reread = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('query UnitIndex'),
      { timeout: FOLLOW_MS },
    );
    await suite.server.gql(
      `mutation ($at: DateTime, $reason: String) { publishIndex(period: month, at: $at, reason: $reason) { revision } }`,
      { at, reason: revision > 1 ? '补录案件后重算' : null },
      'demo-admin',
    );
    const answer = await (await reread).json();
    expect(answer.data.stabilityIndex).toMatchObject({ periodStart: month, revision });
  });
});

describe('the planner on a village someone else changes', () => {
  it('says at once that the edit is based on old grids, and loads the new ones on request', async () => {
    const planner = await context.newPage();
    await planner.goto(`${suite.server.base}/plan?village=${PLANNED_VILLAGE}`);
    await planner.fill('input[autocomplete=username]', 'demo-planner');
    await planner.fill('input[autocomplete=current-password]', 'demo');
    await planner.click('button[type=submit]');
    await planner.waitForSelector('[data-testid=grid-table] tbody tr', { timeout: 60_000 });
    const rows = await planner.locator('[data-testid=grid-table] tbody tr').count();
    // The socket opens with the page; give it a moment to subscribe.
    await planner.waitForTimeout(1_500);
    await commitSplit(PLANNED_VILLAGE, 'demo-admin');
    await planner.waitForSelector('[data-testid=plan-changed-elsewhere]', { timeout: FOLLOW_MS });
    expect(await planner.textContent('[data-testid=plan-changed-elsewhere]')).toContain('demo-admin');
    await planner.click('[data-testid=plan-changed-elsewhere] button');
    await expect
      .poll(() => planner.locator('[data-testid=grid-table] tbody tr').count(), { timeout: FOLLOW_MS })
      .toBe(rows + 1);
    await planner.close();
  }, 120_000);
});

describe('the review of a village whose grids change', () => {
  it('reads the grids again', async () => {
    const review = await context.newPage();
    await review.clock.setFixedTime(TEST_NOW);
    const outlineReads: string[] = [];
    review.on('request', (request) => {
      const body = request.url().endsWith('/graphql') ? request.postData() : null;
      if (body?.includes('GridOutlines')) outlineReads.push(body);
    });
    await review.goto(`${suite.server.base}/review?unit=${REVIEWED_VILLAGE}`);
    await review.fill('[data-testid=sign-in-password] input[name=username]', 'demo-city');
    await review.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
    await review.click('[data-testid=sign-in-password] button[type=submit]');
    await review.waitForSelector('[data-testid=review-map][data-map-state=ready]', { timeout: 120_000 });
    await expect.poll(() => outlineReads.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await review.waitForTimeout(1_500);
    const before = outlineReads.length;
    await commitSplit(REVIEWED_VILLAGE, 'demo-planner');
    // The review waits a quarter-minute after a burst of events.
    await expect.poll(() => outlineReads.length, { timeout: 30_000 }).toBeGreaterThan(before);
    await review.close();
  }, 180_000);
});
