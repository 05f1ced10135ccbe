/**
 * HTTP-FLV camera video in a real browser: each view is one long response that ffmpeg encodes
 * in real time, played by mpegts.js in the card of a camera clicked on /wall, through our own
 * origin, behind the URL template adapter and behind the WVP adapter set to FLV. Closing the
 * card ends the view, and the server's one upstream connection ends with it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import type { VideoGateway } from '../server/src/video/gateway.js';
import { templateGateway } from '../server/src/video/template-gateway.js';
import { wvpGateway } from '../server/src/video/wvp-gateway.js';
import { launchChromium, watchPage } from './support/browser.js';
import { ensureWebBuild } from './support/build.js';
import { CARD, clickCamera, playbackOver, PLAYER } from './support/camera-card.js';
import { startFlvSource, type FlvSource } from './support/flv-source.js';
import { waitForMap } from './support/page.js';
import { startWallServer, type WallServer } from './support/server.js';

const TOWNSHIP = '371702005000';

let source: FlvSource;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  source = await startFlvSource();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await source?.stop();
});

const gateways: [string, () => VideoGateway][] = [
  ['the URL template adapter with a .flv template', () => templateGateway(source.template)],
  [
    'the WVP adapter with VIDEO_WVP_PROTOCOL=flv',
    () => wvpGateway({ baseUrl: source.origin, username: 'admin', password: 'admin', protocol: 'FLV' }),
  ],
];

describe.each(gateways)('HTTP-FLV behind %s', (_name, gateway) => {
  let server: WallServer;
  beforeAll(async () => {
    server = await startWallServer(() => TEST_NOW, { gateway: gateway() });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("plays a clicked camera's live FLV video in its card, and the upstream connection ends once the card closes", async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    try {
      await page.clock.setFixedTime(TEST_NOW);
      const watch = watchPage(page, server.base);
      await page.goto(`${server.base}/wall?kiosk=demo-wall&e2e`);
      await waitForMap(page);
      const camera = await clickCamera(page, server, TOWNSHIP, ['choropleth', 'riskPoints', 'casePoints']);
      expect(source.openStreams()).toBe(1);

      // It really plays: frames are decoded and the playhead moves.
      const { first, later } = await playbackOver(page);
      expect(later.frames).toBeGreaterThan(first.frames);
      expect(later.time).toBeGreaterThan(first.time);
      expect(await page.getAttribute(PLAYER, 'data-state')).toBe('playing');

      await page.keyboard.press('Escape');
      await page.waitForSelector(CARD, { state: 'detached', timeout: 5_000 });
      await expect.poll(() => source.openStreams(), { timeout: 5_000 }).toBe(0);
      const ends = () =>
        server.db
          .query<{ target: string; detail: string }>(
            "SELECT target, detail FROM audit_log WHERE operation = 'stopWatchingCamera'",
          )
          .then((r) => r.rows.map((row) => [row.target, JSON.parse(row.detail).why]));
      await expect.poll(ends, { timeout: 5_000 }).toEqual([[camera, 'closed']]);

      expect(watch.foreignRequests).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
