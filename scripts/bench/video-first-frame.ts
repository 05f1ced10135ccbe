/**
 * `npx tsx scripts/bench/video-first-frame.ts [--runs 10] [--size 1280x720]`
 * Click to first video frame on localhost: a live HLS stream encoded by ffmpeg in real time
 * (e2e/support/video-source.ts) behind the URL template adapter, the wall of the tiny demo in
 * headless Chromium (software WebGL). Each run clicks an online camera on the map and times,
 * in the page, from the click to the first frame the card's <video> presents
 * (requestVideoFrameCallback), then closes the card. Prints each run, the median and the load
 * average. Builds the web app and the tiny city's test database first.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumFlagsWithExtra } from '../../e2e/support/browser.js';
import { hoverOneOf } from '../../e2e/support/hover.js';
import { settle, waitForMap } from '../../e2e/support/page.js';
import { startLiveSource } from '../../e2e/support/video-source.js';
import { templateGateway } from '../../server/src/video/template-gateway.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, size: { type: 'string', default: '1280x720' } },
});

execFileSync('npx', ['tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
// The tiny city as the tests have it, built as the test run builds it (in a folder of this run's
// own): the modules that read the fixtures' place are imported only once it is set.
process.env.ZZ_TEST_RUN ??= `video-bench-${process.pid}`;
const { default: buildFixtures } = await import('../../server/test/global-setup.js');
const removeFixtures = await buildFixtures();
const { startWallServer } = await import('../../e2e/support/server.js');
const { TEST_NOW } = await import('../../server/test/api.js');
const source = await startLiveSource(values.size);
const server = await startWallServer(() => TEST_NOW, { gateway: templateGateway(source.template) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: chromiumFlagsWithExtra(),
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.clock.setFixedTime(TEST_NOW);
  page.on('console', (m) => m.type() === 'error' && console.log(`console error: ${m.text()}`));
  await page.goto(`${server.base}/wall?kiosk=demo-wall&e2e`);
  await waitForMap(page);
  for (const layer of ['choropleth', 'riskPoints', 'casePoints']) await page.click(`[data-testid=toggle-${layer}]`);
  await settle(page);
  const { cameras } = await server.gql<{ cameras: { edges: { node: { location: { coordinates: number[] } } }[] } }>(
    '{ cameras(area: { unitCode: "371702005000" }, status: [online], first: 80) { edges { node { location } } } }',
  );
  const at = await hoverOneOf(
    page,
    cameras.edges.map((e) => e.node.location.coordinates),
  );
  if (!at) throw new Error('no online camera could be pointed at on the map');

  const times: number[] = [];
  for (let run = 1; run <= Number(values.runs); run++) {
    // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
    await page.evaluate(`(() => {
      window.firstFrameAt = null;
      document.addEventListener('pointerdown', () => (window.clickAt = performance.now()), { capture: true, once: true });
      const wait = () => {
        const video = document.querySelector('[data-testid=camera-video] video');
        if (!video) return void requestAnimationFrame(wait);
        video.requestVideoFrameCallback((now) => (window.firstFrameAt = now));
      };
      wait();
    })()`);
    await page.mouse.click(at.x, at.y);
    await page.waitForFunction(() => (window as unknown as { firstFrameAt?: number }).firstFrameAt, null, {
      timeout: 30_000,
    });
    const ms = await page.evaluate(() => {
      const w = window as unknown as { clickAt: number; firstFrameAt: number };
      return w.firstFrameAt - w.clickAt;
    });
    times.push(ms);
    console.log(`run ${run}: ${Math.round(ms)} ms`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=detail-card]', { state: 'detached' });
    await page.waitForTimeout(500);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `click to first frame (${values.size} stream): median ${Math.round(median)} ms, min ${Math.round(sorted[0]!)} ms, max ${Math.round(sorted.at(-1)!)} ms over ${times.length} runs; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await server.stop();
  await source.stop();
  await removeFixtures();
}
