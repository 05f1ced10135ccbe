/**
 * `npx tsx scripts/bench/wall.ts --database-url URL [--runs 3] [--size 1920x1080,3840x2160]`
 * The wall screen at city scale in headless Chromium (CHROMIUM_PATH, default /usr/bin/chromium;
 * CHROMIUM_FLAGS_EXTRA adds flags, e.g. for a GPU): per run, from navigation start,
 * - data in hand: every layer's data received and decoded: the style and township outlines, the
 *   three feeds, and MapLibre's basemap sources parsed and tiled for the view (the latest of the
 *   page's marks wall:style, wall:feeds and wall:basemap-data, and wall:forecast when `--path`'s
 *   `layers=` switches the forecast layer on), before anything is drawn;
 * - data ready: all that, and the map loaded, i.e. the basemap drawn once (data-map-state=ready);
 * - first complete frame: the first deck.gl frame drawn after that, counted once the page has
 *   handed it to the compositor (the task after the frame's; "submitted" is when deck.gl had
 *   issued its commands, which in software rendering can be seconds earlier);
 * - bytes over the wire (every HTTP response body as transferred, from the DevTools protocol);
 * - frame rate while the map is dragged for 3 s, counted from deck.gl's own frames.
 * Each run opens a fresh browser context (no cache) and navigates once Chromium's own processes
 * are quiet after opening its window (browserQuiet); `--busy-window` navigates at once instead.
 * Also prints the initial JavaScript (what index.html loads) and the lazy map chunk, gzipped.
 * `--trace FILE` writes a Chromium performance trace of one run up to its first frame (the first
 * run, or the `--trace-run N`th: a later one finds the case feed kept as well)
 * (open it in chrome://tracing or Perfetto; scripts/bench/trace-summary.py sums it by event);
 * `--profile FILE` a JavaScript CPU profile of the page over the same run and span (DevTools opens
 * .cpuprofile files; scripts/bench/profile-summary.py sums its self time by function).
 * Builds the web app first if it is missing or stale.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
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
    runs: { type: 'string', default: '3' },
    size: { type: 'string', default: '1920x1080' },
    path: { type: 'string', default: '/wall?kiosk=demo-wall' },
    trace: { type: 'string' },
    'trace-run': { type: 'string', default: '1' },
    profile: { type: 'string' },
    waterfall: { type: 'boolean', default: false },
    'no-drag': { type: 'boolean', default: false },
    'repeat-view': { type: 'boolean', default: false },
    'busy-window': { type: 'boolean', default: false },
  },
});

execFileSync('npx', ['tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
printBundleSizes();

const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
await migrate(db);
await ensureDemoAccounts(db);
const { n } = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!;
console.log(`cameras in the database: ${n.toLocaleString('en')}`);
const app = await createApp(db, { auth: { secret: new Uint8Array(32).fill(5), tokenTtlSeconds: 3600 } });
await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
// As the server does once listening (main.ts): the first run finds the basemap and feeds built.
const warm = await app.warmUp();
console.log(
  `server warm-up: ${Math.round(warm.ms)} ms (${warm.jurisdictions} kiosk jurisdiction(s)), ` +
    `then ${warm.forecasts} screen forecast(s) in ${Math.round(warm.forecastMs)} ms`,
);
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: chromiumFlagsWithExtra(),
});

const browserCdp = await browser.newBrowserCDPSession();

/**
 * Waits (at most 5 s) until Chromium's processes have used under 10 ms of CPU in each of two
 * 100 ms spans. A new browser context opens a new window, and its own UI (the omnibox popup's
 * renderer) takes about 0.4 s of CPU in the half second after: a load measured alongside it
 * shares two cores with it. A wall loads its page into a window that is open already.
 */
async function browserQuiet(): Promise<void> {
  const cpuSeconds = async () => {
    const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { cpuTime: number }[];
    };
    return processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
  };
  let last = await cpuSeconds();
  let quietSpans = 0;
  const started = Date.now();
  while (quietSpans < 2 && Date.now() - started < 5000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await cpuSeconds();
    quietSpans = now - last < 0.01 ? quietSpans + 1 : 0;
    last = now;
  }
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink',
  'gpu',
  'gpu.service',
  'gpu.angle',
  'toplevel',
  'loading',
  'blink.user_timing',
];

interface Run {
  dataInHandMs: number;
  dataReadyMs: number;
  firstFrameMs: number;
  megabytes: number;
  dragFps: number;
}

for (const size of values.size.split(',')) {
  const [width, height] = size.split('x').map(Number) as [number, number];
  const runs: Run[] = [];
  // A repeat view: one browser context for every run, after two loads that are not counted (the
  // second stores V8's compiled code beside the cached scripts), as on a wall screen that reloads.
  const shared = values['repeat-view'] ? await browser.newContext({ viewport: { width, height } }) : undefined;
  if (shared) for (let i = 0; i < 2; i++) await measure(width, height, shared);
  for (let i = 0; i < Number(values.runs); i++) {
    const chosen = i === Number(values['trace-run']) - 1;
    runs.push(
      await measure(width, height, shared, chosen ? values.trace : undefined, chosen ? values.profile : undefined),
    );
  }
  await shared?.close();
  console.log(
    `\n${size} (${runs.length} runs, ${shared ? 'one browser context, after two loads' : 'fresh browser context each'}, ${
      values['busy-window'] ? 'navigating as its window opens' : 'navigating once the browser is quiet'
    })`,
  );
  for (const key of ['dataInHandMs', 'dataReadyMs', 'firstFrameMs', 'megabytes', 'dragFps'] as const) {
    const xs = runs.map((r) => r[key]).sort((a, b) => a - b);
    console.log(`  ${key.padEnd(13)} median ${fmt(xs[Math.floor(xs.length / 2)]!)}  all ${xs.map(fmt).join(' / ')}`);
  }
}
await browser.close();
await app.stop();
await db.close();

async function measure(
  width: number,
  height: number,
  shared?: import('playwright-core').BrowserContext,
  trace?: string,
  profile?: string,
): Promise<Run> {
  const context = shared ?? (await browser.newContext({ viewport: { width, height } }));
  const page = await context.newPage();
  if (!values['busy-window']) await browserQuiet();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  // Timestamps (ms since navigation start) taken in the page the moment the map says so.
  await page.addInitScript(() => {
    const marks: Record<string, number> = {};
    (window as unknown as { __marks: Record<string, number> }).__marks = marks;
    new MutationObserver(() => {
      const el = document.querySelector<HTMLElement>('[data-testid=wall-map]');
      if (!el) return;
      if (el.dataset.mapState === 'ready' && marks.ready === undefined) {
        marks.ready = performance.now();
        marks.framesAtReady = Number(el.dataset.frames ?? 0);
      }
      if (
        marks.ready !== undefined &&
        marks.submitted === undefined &&
        Number(el.dataset.frames ?? 0) > marks.framesAtReady!
      ) {
        // deck.gl has issued the frame's commands; the page hands the frame to the compositor
        // in the same task (with software compositing it reads each changed canvas back, waiting
        // for the renderer to finish the frame), so the next task starts once it is shown.
        marks.submitted = performance.now();
        setTimeout(() => (marks.frame = performance.now()), 0);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-state', 'data-frames'] });
  });
  if (trace) await browser.startTracing(page, { path: trace, categories: TRACE_CATEGORIES });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${base}${values.path}`);
  await page.waitForFunction(() => (window as unknown as { __marks: { frame?: number } }).__marks.frame, null, {
    timeout: 180_000,
    polling: 100,
  });
  if (trace) await browser.stopTracing();
  if (profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);
  // With the forecast layer on at start, its data count among the layers' data in hand.
  const withForecast = new URLSearchParams(values.path.split('?')[1] ?? '')
    .get('layers')
    ?.split(',')
    .includes('forecast');
  const inHandMarks = ['wall:style', 'wall:feeds', 'wall:basemap-data', ...(withForecast ? ['wall:forecast'] : [])];
  if (withForecast) {
    await page.waitForFunction(() => performance.getEntriesByName('wall:forecast', 'mark').length > 0, null, {
      timeout: 180_000,
      polling: 50,
    });
  }
  const inHand = await page.evaluate(
    (names) => Math.max(...names.map((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? Number.NaN)),
    inHandMarks,
  );
  const steps = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('wall:'))
      .map((m) => `${m.name.slice(5)} ${Math.round(m.startTime)}`)
      .join(', '),
  );
  console.log(
    `  ${width}x${height} marks (ms): ${steps}, submitted ${Math.round(marks.submitted!)}, shown ${Math.round(marks.frame!)}`,
  );
  if (values.waterfall) console.log(await resourceWaterfall(page));
  const dragFps = values['no-drag'] ? NaN : await dragFramesPerSecond(page, width, height);
  if (shared) await page.close();
  else await context.close();
  return {
    dataInHandMs: inHand,
    dataReadyMs: marks.ready!,
    firstFrameMs: marks.frame!,
    megabytes: bytes / 1e6,
    dragFps,
  };
}

/** Each request of the page: when it started and ended (ms since navigation start), and its size. */
async function resourceWaterfall(page: import('playwright-core').Page) {
  const rows = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return {
        name: r.name,
        start: r.startTime,
        firstByte: r.responseStart,
        end: r.responseEnd,
        kb: r.transferSize / 1024,
      };
    }),
  );
  return rows
    .map((r) => {
      const { pathname, search } = new URL(r.name);
      const at = [r.start, r.firstByte, r.end].map((t) => String(Math.round(t)).padStart(5)).join(' ');
      return `    ${at}  ${r.kb.toFixed(0).padStart(6)} kB  ${(pathname + search).slice(0, 90)}`;
    })
    .join('\n');
}

/** Drags the map in small steps for 3 s and counts the frames deck.gl drew meanwhile. */
async function dragFramesPerSecond(page: import('playwright-core').Page, width: number, height: number) {
  const frames = () => page.locator('[data-testid=wall-map]').evaluate((el) => Number(el.dataset.frames ?? 0));
  const x = width / 2;
  const y = height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const before = await frames();
  const start = Date.now();
  let step = 0;
  while (Date.now() - start < 3000) {
    step++;
    await page.mouse.move(x + 200 * Math.sin(step / 10), y + 100 * Math.cos(step / 10));
    await page.waitForTimeout(16);
  }
  const drawn = (await frames()) - before;
  const seconds = (Date.now() - start) / 1000;
  await page.mouse.up();
  return drawn / seconds;
}

function printBundleSizes() {
  const html = readFileSync('dist/web/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join('dist/web', file))).length;
  const all = readdirSync('dist/web/assets').filter((f) => f.endsWith('.js'));
  const initialKb = initial.reduce((s, f) => s + gz(f), 0) / 1024;
  const lazyKb = all.filter((f) => !initial.includes(`assets/${f}`)).reduce((s, f) => s + gz(`assets/${f}`), 0) / 1024;
  console.log(
    `initial JS ${initialKb.toFixed(0)} kB gzipped (${initial.length} files); lazy chunks ${lazyKb.toFixed(0)} kB`,
  );
}

function fmt(x: number) {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}
