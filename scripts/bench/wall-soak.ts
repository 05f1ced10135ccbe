/**
 * `npx tsx scripts/bench/wall-soak.ts --database-url URL [--minutes 30] [--sample-seconds 30] [--size 1920x1080]`
 * The unattended wall over time: opens /wall?kiosk=demo-wall&tour=1 in headless Chromium and,
 * every sample, reads the page's JavaScript heap (after a forced garbage collection), DOM nodes
 * and event listeners through the DevTools protocol, while the tour flies, the live socket
 * delivers and the panels refresh. Prints each sample and the heap's growth per hour from a
 * least-squares line through the samples after the first five minutes (start-up caches excluded).
 * Any console error is printed as it happens. Builds the web app first if needed.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumFlagsWithExtra } from '../../e2e/support/browser.js';
import { createApp } from '../../server/src/app.js';
import { ensureDemoAccounts } from '../../server/src/auth/demo-accounts.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openDatabase } from '../../server/src/db/open.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    minutes: { type: 'string', default: '30' },
    'sample-seconds': { type: 'string', default: '30' },
    path: { type: 'string', default: '/wall?kiosk=demo-wall&tour=1' },
    size: { type: 'string', default: '1920x1080' },
  },
});

execFileSync('npx', ['tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
await migrate(db);
await ensureDemoAccounts(db);
const app = await createApp(db, { auth: { secret: new Uint8Array(32).fill(6), tokenTtlSeconds: 3600 } });
await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // CHROMIUM_FLAGS_EXTRA adds flags, e.g. scripts/wall-kiosk.sh's software compositing.
  args: [...chromiumFlagsWithExtra(), '--js-flags=--expose-gc'],
});
const [width, height] = values.size.split('x').map(Number);
if (!width || !height) throw new Error(`--size must be WIDTHxHEIGHT, e.g. 3840x2160; got "${values.size}"`);
const page = await browser.newPage({ viewport: { width, height } });
page.on('console', (m) => m.type() === 'error' && console.log(`console error: ${m.text()}`));
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(`${base}${values.path}`);
await page.waitForSelector('[data-map-state=ready]', { timeout: 300_000 });

const samples: { minute: number; heapMb: number }[] = [];
const start = Date.now();
const end = start + Number(values.minutes) * 60_000;
console.log('minute  heap MB  DOM nodes  listeners  deck frames');
while (Date.now() < end) {
  await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const frames = await page.getAttribute('[data-testid=wall-map]', 'data-frames');
  const minute = (Date.now() - start) / 60_000;
  const heapMb = metric('JSHeapUsedSize') / 1e6;
  samples.push({ minute, heapMb });
  console.log(
    `${minute.toFixed(1).padStart(6)}  ${heapMb.toFixed(1).padStart(7)}  ${String(metric('Nodes')).padStart(9)}  ${String(metric('JSEventListeners')).padStart(9)}  ${String(frames).padStart(11)}`,
  );
  await page.waitForTimeout(Number(values['sample-seconds']) * 1000);
}

const settled = samples.filter((s) => s.minute >= 5);
if (settled.length >= 2) {
  const mx = settled.reduce((a, s) => a + s.minute, 0) / settled.length;
  const my = settled.reduce((a, s) => a + s.heapMb, 0) / settled.length;
  const slope =
    settled.reduce((a, s) => a + (s.minute - mx) * (s.heapMb - my), 0) /
    settled.reduce((a, s) => a + (s.minute - mx) ** 2, 0);
  console.log(`heap growth after minute 5: ${(slope * 60).toFixed(2)} MB per hour (${settled.length} samples)`);
} else {
  console.log('run longer than 5 minutes for a growth figure');
}
await browser.close();
await app.stop();
await db.close();
