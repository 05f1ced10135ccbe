/**
 * Every screen laid out at every level of unit it can show, at 1080p and 4K: no text cut off or
 * spilling out of its box, no scrollbars on the wall, and the map framed on the unit shown.
 * Screenshots: .cache/screenshots/layout-<screen>-<level>-<size>.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import { clippedText, overlapping, READY_TIMEOUT_MS, scrollable, spanOf, waitForMap } from './support/page.js';
import { browserSuite, SHOTS } from './support/suite.js';

const SIZES = [
  { name: '1080p', width: 1920, height: 1080 },
  { name: '4k', width: 3840, height: 2160 },
] as const;
const UNITS = {
  city: null,
  county: '371702000000',
  township: '371702005000',
  village: '371702005001',
} as const;
// The ticker and alert lists show as many rows as fit, by design (e2e/languages.spec.ts checks
// that their rows are whole).
const WALL_PANELS = ['kpi', 'index', 'category', 'trend', 'rank', 'index-rank'];

const suite = browserSuite();
let places: Map<string, number[]>;

beforeAll(async () => {
  const { units } = (await (await fetch(`${suite.server.base}/basemap/units.json`)).json()) as {
    units: { code: string; bbox: number[] }[];
  };
  places = new Map(units.map((u) => [u.code, u.bbox]));
}, 300_000);

async function withPage(size: { width: number; height: number }, test: (page: Page) => Promise<void>) {
  const context = await suite.browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await page.clock.setFixedTime(TEST_NOW);
  try {
    await test(page);
  } finally {
    await context.close();
  }
}

/** How much of the map frame `bbox` spans, the larger of its width and height shares. */
async function signIn(page: Page, username: string) {
  await page.fill('[data-testid=sign-in-password] input[name=username]', username);
  await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
  await page.click('[data-testid=sign-in-password] button[type=submit]');
}

/** The first grid of a village and its box. */
async function firstGrid(village: string): Promise<{ code: string; bbox: number[] }> {
  const { grids } = await suite.server.gql(
    'query ($v: ID!) { grids(area: { unitCode: $v }, first: 1) { edges { node { code geometry } } } }',
    { v: village },
  );
  const node = grids.edges[0].node as { code: string; geometry: { coordinates: number[][][][] | number[][][] } };
  const flat = JSON.stringify(node.geometry.coordinates)
    .match(/-?\d+(\.\d+)?/g)!
    .map(Number);
  const xs = flat.filter((_, i) => i % 2 === 0);
  const ys = flat.filter((_, i) => i % 2 === 1);
  return { code: node.code, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

describe.each(SIZES)('the wall at $name', (size) => {
  it.each(Object.entries(UNITS))(
    'lays out a %s without cut-off text or scrollbars',
    async (level, unit) => {
      await withPage(size, async (page) => {
        await page.goto(`${suite.server.base}/wall?kiosk=demo-wall&e2e${unit ? `&unit=${unit}` : ''}`);
        await waitForMap(page);
        await page.screenshot({ path: `${SHOTS}/layout-wall-${level}-${size.name}.png`, timeout: 120_000 });
        expect(await scrollable(page)).toEqual([]);
        for (const panel of WALL_PANELS)
          expect(await clippedText(page, `[data-testid=panel-${panel}]`), `${level}: ${panel}`).toEqual([]);
        expect(await clippedText(page, '.wall-header, header'), `${level}: header`).toEqual([]);
        // The demo's cases lie in one township: a city's or county's wall opens framed to it.
        const framed = level === 'city' || level === 'county';
        expect(await page.locator('[data-testid=map-framed-note]').count(), `${level}: framed`).toBe(framed ? 1 : 0);
        const shown = framed ? UNITS.township : unit;
        if (shown) {
          const { share, inside } = await spanOf(page, '__wallMap', '[data-testid=wall-map]', places.get(shown)!);
          expect(inside, `${level} inside the map`).toBe(true);
          expect(share, `${level}: share of the map`).toBeGreaterThan(0.5);
        }
      });
    },
    240_000,
  );
});

describe.each(SIZES)('the review at $name', (size) => {
  it.each([...Object.entries(UNITS), ['grid', 'grid'] as const])(
    'lays out a %s without cut-off text, its map fitted to it',
    async (level, unit) => {
      const grid = unit === 'grid' ? await firstGrid(UNITS.village) : null;
      const code = grid?.code ?? unit;
      await withPage(size, async (page) => {
        await page.goto(`${suite.server.base}/review?e2e${code ? `&unit=${code}` : ''}`);
        await signIn(page, 'demo-city');
        await page.waitForSelector('[data-testid=review-map][data-map-state=ready][data-frames]', {
          timeout: READY_TIMEOUT_MS,
        });
        await page.waitForSelector('[data-testid=score-card], [data-testid=no-index]', { timeout: 60_000 });
        await page.waitForTimeout(1_000);
        await page.screenshot({ path: `${SHOTS}/layout-review-${level}-${size.name}.png`, timeout: 120_000 });
        expect(await clippedText(page, '[data-testid=review]'), level).toEqual([]);
        const bbox = grid?.bbox ?? places.get(code ?? '371700000000')!;
        const { share, inside } = await spanOf(page, '__reviewMap', '[data-testid=review-map]', bbox);
        expect(inside, `${level} inside the map`).toBe(true);
        expect(share, `${level}: share of the map`).toBeGreaterThan(0.5);
      });
    },
    240_000,
  );
});

describe.each(SIZES)('the planner at $name', (size) => {
  it('lays out a village with room around it and no cut-off text', async () => {
    await withPage(size, async (page) => {
      await page.goto(`${suite.server.base}/plan?e2e=1&village=${UNITS.village}`);
      await page.fill('input[autocomplete=username]', 'demo-planner');
      await page.fill('input[autocomplete=current-password]', 'demo');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=plan-map][data-map-state=ready]', { timeout: READY_TIMEOUT_MS });
      await page.waitForSelector('[data-testid=grid-table] tbody tr', { timeout: 60_000 });
      await page.waitForTimeout(1_000);
      await page.screenshot({ path: `${SHOTS}/layout-plan-village-${size.name}.png`, timeout: 120_000 });
      expect(await clippedText(page, '[data-testid=plan-page]')).toEqual([]);
      const margin = 12 * (size.width / 1920);
      const { share, inside } = await spanOf(
        page,
        '__planMap',
        '[data-testid=plan-map]',
        places.get(UNITS.village)!,
        margin,
      );
      expect(inside, 'the village clear of the map edges').toBe(true);
      expect(share).toBeGreaterThan(0.5);
    });
  }, 240_000);
});

describe.each([{ name: '1366x768', width: 1366, height: 768 }, ...SIZES])('the import page at $name', (size) => {
  it("keeps its panels apart and each layer's columns readable", async () => {
    await withPage(size, async (page) => {
      await page.goto(`${suite.server.base}/admin/import`);
      await page.fill('[data-testid=sign-in-password] input[name=username]', 'demo-admin');
      await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
      await page.click('[data-testid=sign-in-password] button[type=submit]');
      await page.waitForSelector('[data-testid=import-columns] tbody tr', { timeout: 60_000 });
      await page.screenshot({ path: `${SHOTS}/layout-import-${size.name}.png`, timeout: 120_000 });
      expect(await overlapping(page, '.import-body > .panel')).toEqual([]);
      // No column of the table squeezed to a few characters a line.
      const narrowest = await page
        .locator('[data-testid=import-columns] td.reason')
        .evaluateAll((cells) => Math.min(...cells.map((c) => c.getBoundingClientRect().width)));
      const em = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(narrowest).toBeGreaterThan(6 * em);
    });
  }, 240_000);
});
