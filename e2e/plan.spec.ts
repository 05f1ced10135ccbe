/**
 * The grid planner in a real browser: log in as the demo planner, open a village, move a shared
 * boundary vertex (and undo it), redraw a grid with a polygon (and undo it), split its largest grid with a line drawn on the map (terra-draw's
 * linestring mode, driven by the mouse), see the checks pass, save with a reason, and find the new
 * grid on the wall. Screenshots go to .cache/screenshots (look at them).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import { watchPage, type PageWatch } from './support/browser.js';
import { READY_TIMEOUT_MS, screenOf, waitForMap } from './support/page.js';
import { browserSuite, SHOTS } from './support/suite.js';

const TOWNSHIP = '371702005000';
const VILLAGE = '371702005001';

const VILLAGE_GRIDS = /* GraphQL */ `
  query ($v: ID!) {
    gridPlanningBase(villageCode: $v) {
      grids {
        grid {
          code
        }
        geometry
        areaSquareMeters
      }
    }
  }
`;

const suite = browserSuite();

describe('the grid planner', () => {
  let page: Page;
  let watch: PageWatch;
  let newCode: string;

  beforeAll(async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
    await page.clock.setFixedTime(TEST_NOW);
    watch = watchPage(page, suite.server.base);
  });

  it('logs in as the planner and opens a village with its grids and their figures', async () => {
    await page.goto(`${suite.server.base}/plan?e2e=1`);
    await page.fill('input[autocomplete=username]', 'demo-planner');
    await page.fill('input[autocomplete=current-password]', 'demo');
    await page.click('button[type=submit]');
    await page.waitForSelector(`[data-testid=village] option[value="${VILLAGE}"]`, { state: 'attached' });
    expect(await page.locator('[data-testid=village] option').count()).toBe(33);
    await page.selectOption('[data-testid=village]', VILLAGE);
    await page.waitForSelector('[data-testid=plan-map][data-map-state=ready]', { timeout: READY_TIMEOUT_MS });
    await page.waitForSelector('[data-testid=server-status][data-state=valid]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=grid-table] tbody tr').count()).toBe(5);
    expect(await page.locator('.plan-label').count()).toBe(5);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/plan-village.png` });
    expect(watch.consoleErrors).toEqual([]);
  }, 200_000);

  it('moves a shared boundary vertex: the neighbour moves with it and the checks stay clean', async () => {
    const { gridPlanningBase } = await suite.server.gql(VILLAGE_GRIDS, { v: VILLAGE }, 'demo-planner');
    const grids: { grid: { code: string }; geometry: { coordinates: number[][][] } }[] = gridPlanningBase.grids;
    const key = (p: number[]) => `${p[0]},${p[1]}`;
    const owners = new Map<string, string[]>();
    for (const g of grids) {
      for (const p of g.geometry.coordinates[0]!.slice(0, -1))
        owners.set(key(p), [...(owners.get(key(p)) ?? []), g.grid.code]);
    }
    const grid = grids[3]!;
    const ring = grid.geometry.coordinates[0]!;
    const shared = ring.find((p) => owners.get(key(p))!.length === 2)!;
    const neighbour = owners.get(key(shared))!.find((c) => c !== grid.grid.code)!;
    const mean = (i: number) => ring.reduce((s, p) => s + p[i]!, 0) / ring.length;
    const inside = await screenOf(page, '__planMap', [mean(0), mean(1)]);
    await page.mouse.click(inside.x, inside.y);
    const v = await screenOf(page, '__planMap', shared);
    await page.mouse.move(v.x, v.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(v.x + i * 3, v.y + i * 2);
    await page.mouse.up();
    await page.waitForSelector('[data-testid=impact]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=server-status][data-state=valid]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=checks] .issue.error').count()).toBe(0);
    expect(await page.textContent('[data-testid=impact-kind]')).toBe('边界调整');
    const reshaped = await page.textContent('[data-testid=impact-reshaped]');
    expect(reshaped).toContain(grid.grid.code);
    expect(reshaped).toContain(neighbour);
    await page.screenshot({ path: `${SHOTS}/plan-moved.png` });
    await page.click('[data-testid=tool-undo]');
    await page.waitForSelector('[data-testid=impact]', { state: 'detached' });
    expect(watch.consoleErrors).toEqual([]);
  }, 120_000);

  it('redraws a grid as a new outline: the neighbour gives up the area, and undo restores it', async () => {
    // The south grid (…005) redrawn as a box over its southern part reaching west into the corner
    // of its northern neighbour (…004); the box runs outside the village to the south and east
    // (clipped), and what the south grid gives up north of it goes back to …004.
    const { gridPlanningBase } = await suite.server.gql(VILLAGE_GRIDS, { v: VILLAGE }, 'demo-planner');
    const south = gridPlanningBase.grids.find((g: any) => g.grid.code === `${VILLAGE}005`);
    const ring: number[][] = south.geometry.coordinates[0];
    const mean = (i: number) => ring.reduce((s, p) => s + p[i]!, 0) / ring.length;
    const inside = await screenOf(page, '__planMap', [mean(0), mean(1)]);
    await page.mouse.click(inside.x, inside.y);
    await page.click('[data-testid=tool-redraw]');
    const corners = [
      [115.4244, 35.248],
      [115.4318, 35.248],
      [115.4318, 35.245],
      [115.4244, 35.245],
    ];
    const points = [];
    for (const c of corners) points.push(await screenOf(page, '__planMap', c));
    for (const p of [...points, points[0]!]) {
      await page.mouse.move(p.x, p.y, { steps: 4 });
      await page.mouse.click(p.x, p.y);
    }
    await page.waitForSelector('[data-testid=impact]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=server-status][data-state=valid]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=action-error]').count()).toBe(0);
    expect(await page.locator('[data-testid=checks] .issue.error').count()).toBe(0);
    expect(await page.locator('[data-testid=grid-table] tbody tr').count()).toBe(5);
    const reshaped = await page.textContent('[data-testid=impact-reshaped]');
    expect(reshaped).toContain(`${VILLAGE}005`);
    expect(reshaped).toContain(`${VILLAGE}004`);
    await page.screenshot({ path: `${SHOTS}/plan-redrawn.png` });
    await page.click('[data-testid=tool-undo]');
    await page.waitForSelector('[data-testid=impact]', { state: 'detached' });
    expect(watch.consoleErrors).toEqual([]);
  }, 120_000);

  it('splits the largest grid with a line drawn on the map, and both checks pass', async () => {
    const { gridPlanningBase } = await suite.server.gql(VILLAGE_GRIDS, { v: VILLAGE }, 'demo-planner');
    const biggest = [...gridPlanningBase.grids].sort((a: any, b: any) => b.areaSquareMeters - a.areaSquareMeters)[0];
    const ring: number[][] = biggest.geometry.coordinates[0];
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
    const pad = (Math.max(...ys) - Math.min(...ys)) * 0.08;
    const from = await screenOf(page, '__planMap', [midX, Math.max(...ys) + pad]);
    const to = await screenOf(page, '__planMap', [midX, Math.min(...ys) - pad]);

    await page.click('[data-testid=tool-split]');
    await page.mouse.move(from.x, from.y);
    await page.mouse.click(from.x, from.y);
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.click(to.x, to.y);
    // Clicking the last point again finishes the line.
    await page.mouse.click(to.x, to.y);

    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=grid-table] tbody tr').length === 6,
      null,
      {
        timeout: 30_000,
      },
    );
    await page.waitForSelector('[data-testid=server-status][data-state=valid]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=checks] .issue.error').count()).toBe(0);
    newCode = (await page.textContent('[data-testid=impact-new]'))!.trim();
    expect(newCode).toMatch(new RegExp(`^${VILLAGE}\\d{3}$`));
    expect(await page.textContent('[data-testid=impact-kind]')).toBe('拆分');
    await page.screenshot({ path: `${SHOTS}/plan-split.png` });
    expect(watch.consoleErrors).toEqual([]);
  }, 120_000);

  it('undoes and redoes the split', async () => {
    await page.click('[data-testid=tool-undo]');
    expect(await page.locator('[data-testid=grid-table] tbody tr').count()).toBe(5);
    await page.click('[data-testid=tool-redo]');
    expect(await page.locator('[data-testid=grid-table] tbody tr').count()).toBe(6);
    await page.waitForSelector('[data-testid=server-status][data-state=valid]', { timeout: 60_000 });
  }, 60_000);

  it('saves the split with a reason, and the history shows it', async () => {
    await page.fill('[data-testid=reason]', '赵楼社区新建小区入住，拆分网格');
    if ((await page.locator('[data-testid=confirm-warnings]').count()) > 0)
      await page.check('[data-testid=confirm-warnings]');
    await page.click('[data-testid=save]');
    await page.waitForSelector('[data-testid=notice]', { timeout: 30_000 });
    // The notice comes with the commit's answer; the village's grids and history are fetched again after it.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=history]')?.textContent?.includes('赵楼社区新建小区入住'),
      null,
      { timeout: 30_000 },
    );
    await page.waitForSelector('[data-testid=server-status][data-state=valid]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=grid-table] tbody tr').count()).toBe(6);
    await page.screenshot({ path: `${SHOTS}/plan-saved.png` });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  }, 120_000);

  it('shows the new grid on the wall', async () => {
    const wall = await suite.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.clock.setFixedTime(TEST_NOW);
    const wallWatch = watchPage(wall, suite.server.base);
    const gridCodes = new Set<string>();
    wall.on('response', async (res) => {
      if (!res.url().endsWith('/graphql') || !(res.request().postData() ?? '').includes('WallGrids')) return;
      const body = (await res.json().catch(() => null)) as any;
      for (const e of body?.data?.grids?.edges ?? []) gridCodes.add(e.node.code);
    });
    await wall.goto(`${suite.server.base}/wall?kiosk=demo-wall&unit=${TOWNSHIP}`);
    await waitForMap(wall);
    expect(Number(await wall.getAttribute('[data-testid=wall-map]', 'data-zoom'))).toBeGreaterThanOrEqual(11);
    await wall.waitForFunction(() => true);
    await expect.poll(() => gridCodes.has(newCode), { timeout: 30_000 }).toBe(true);
    await wall.screenshot({ path: `${SHOTS}/plan-wall.png` });
    expect(wallWatch.consoleErrors).toEqual([]);
    expect(wallWatch.foreignRequests).toEqual([]);
    await wall.close();
  }, 200_000);
});
