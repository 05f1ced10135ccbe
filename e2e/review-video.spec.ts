/**
 * Camera video on the review screen: a village's grid worker zooms in on the village, the
 * cameras appear, one clicked opens the same detail card as the wall's, whose player plays a
 * live stream encoded by ffmpeg behind the URL template adapter; closing the card ends the view.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import { templateGateway } from '../server/src/video/template-gateway.js';
import { launchChromium, watchPage } from './support/browser.js';
import { ensureWebBuild } from './support/build.js';
import { CARD, onlineCameras, playbackOver, PLAYER } from './support/camera-card.js';
import { READY_TIMEOUT_MS, screenOf, settle } from './support/page.js';
import { startWallServer, type WallServer } from './support/server.js';
import { startLiveSource, type LiveSource } from './support/video-source.js';

const VILLAGE = '371702005001';
const MAP = '[data-testid=review-map]';
const SHOTS = '.cache/screenshots';

let source: LiveSource;
let server: WallServer;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  source = await startLiveSource();
  server = await startWallServer(() => TEST_NOW, { gateway: templateGateway(source.template) });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await source?.stop();
});

const auditOf = async (operation: string) =>
  (
    await server.db.query<{ username: string; target: string; detail: string }>(
      'SELECT username, target, detail FROM audit_log WHERE operation = $1 ORDER BY id',
      [operation],
    )
  ).rows;

const zoomOf = async (page: Page) => Number(await page.getAttribute(MAP, 'data-zoom'));
const camerasDrawn = (page: Page) => page.evaluate(() => (window as any).__reviewMap.drawn().cameras as number);

/** Whether the page point lies on the map itself (not a card or the legend over it). */
const onMap = (page: Page, at: { x: number; y: number }) =>
  page.evaluate(({ x, y, map }) => !!document.elementFromPoint(x, y)?.closest(map), { ...at, map: MAP });

it("plays a camera clicked on the review map in the wall's card, and ends the view when it closes", async () => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  try {
    await page.clock.setFixedTime(TEST_NOW);
    const watch = watchPage(page, server.base);
    await page.goto(`${server.base}/review?e2e`);
    await page.fill('[data-testid=sign-in-password] input[name=username]', 'demo-village');
    await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
    await page.click('[data-testid=sign-in-password] button[type=submit]');
    await page.waitForSelector(`${MAP}[data-map-state=ready][data-frames]`, { timeout: READY_TIMEOUT_MS });
    const settled = () => settle(page, { map: MAP });
    await settled();

    // Zoom in on the village's first online camera with the wheel, until the cameras are drawn.
    const places = await onlineCameras(server, VILLAGE);
    expect(places.length).toBeGreaterThan(0);
    const first = await screenOf(page, '__reviewMap', places[0]!);
    await page.mouse.move(first.x, first.y);
    while ((await zoomOf(page)) < 16) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(250);
    }
    await expect.poll(() => camerasDrawn(page), { timeout: 20_000 }).toBeGreaterThan(0);
    await settled();

    let clicked = false;
    for (const place of places) {
      const at = await screenOf(page, '__reviewMap', place);
      if (!(await onMap(page, at))) continue;
      await page.mouse.click(at.x, at.y);
      clicked = true;
      break;
    }
    expect(clicked).toBe(true);
    await page.waitForSelector(`${CARD}[data-state=found]`, { timeout: 20_000 });
    await page.waitForSelector(`${PLAYER}[data-state=playing]`, { timeout: 30_000 });
    const camera = (await page.getAttribute(PLAYER, 'data-camera'))!;
    // Zoomed in this far, every camera shows its view cone and the clicked one's is highlighted.
    expect(await page.evaluate(() => (window as any).__reviewMap.drawn().cones)).toEqual({ all: true, selected: true });
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/review-camera.png` });

    const { first: before, later } = await playbackOver(page);
    expect(later.frames).toBeGreaterThan(before.frames);
    expect(later.time).toBeGreaterThan(before.time);
    expect(await auditOf('watchCamera')).toEqual([
      expect.objectContaining({ username: 'demo-village', target: camera }),
    ]);

    await page.keyboard.press('Escape');
    await page.waitForSelector(CARD, { state: 'detached', timeout: 5_000 });
    await expect.poll(async () => (await auditOf('stopWatchingCamera')).length, { timeout: 5_000 }).toBe(1);
    const [end] = await auditOf('stopWatchingCamera');
    expect(end!.target).toBe(camera);
    expect(JSON.parse(end!.detail)).toMatchObject({ why: 'closed' });
    const asked = source.requests.length;
    await page.waitForTimeout(3_000);
    expect(source.requests.slice(asked)).toEqual([]);

    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  } finally {
    await context.close();
  }
}, 240_000);
