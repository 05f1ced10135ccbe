/**
 * The leaders' review screen (and the wall's index panels) in a real browser, against the API in
 * this process on the tiny demo data, with the index published through GraphQL by the
 * administrator first. Screenshots go to .cache/screenshots (look at them).
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import { watchPage, type PageWatch } from './support/browser.js';
import { READY_TIMEOUT_MS } from './support/page.js';
import { browserSuite, SHOTS } from './support/suite.js';

const CITY = '371700000000';
const COUNTY = '371702000000';
const TOWNSHIP = '371702005000';
const MONTHS = ['2026-03-15T12:00:00+08:00', '2026-04-15T12:00:00+08:00', '2026-05-15T12:00:00+08:00'];

const INDEX = /* GraphQL */ `
  query ($unit: ID, $at: DateTime) {
    stabilityIndex(unitCode: $unit, period: month, at: $at) {
      score
      band
      indicators {
        key
        label
        rawValue
        normalised
        weight
        contribution
      }
    }
  }
`;

const suite = browserSuite();

beforeAll(async () => {
  for (const at of MONTHS) {
    await suite.server.gql(
      'mutation ($at: DateTime) { publishIndex(period: month, at: $at) { revision } }',
      { at },
      'demo-admin',
    );
  }
}, 300_000);

const api = async (unit: string, at = MONTHS[2]) =>
  (await suite.server.gql(INDEX, { unit, at }, 'demo-city')).stabilityIndex as {
    score: number;
    band: string;
    indicators: { key: string; label: string; rawValue: number | null; contribution: number; weight: number }[];
  };

async function waitForScore(page: Page, score: number) {
  await page.waitForSelector(`[data-testid=score-card][data-score="${score}"]`, { timeout: 30_000 });
}

describe('the review screen at 1366 × 768, as the city leader', () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    await page.clock.setFixedTime(TEST_NOW);
    watch = watchPage(page, suite.server.base);
    await page.goto(`${suite.server.base}/review`);
    await page.fill('[data-testid=sign-in-password] input[name=username]', 'demo-city');
    await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
    await page.click('[data-testid=sign-in-password] button[type=submit]');
    await page.waitForSelector('[data-testid=score-card]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=review-map][data-map-state=ready][data-frames]', {
      timeout: READY_TIMEOUT_MS,
    });
  }, 200_000);
  afterAll(() => context?.close());

  it("shows the city's index for the last closed month, broken down exactly as the API says", async () => {
    const city = await api(CITY);
    await waitForScore(page, city.score);
    expect(await page.getAttribute('[data-testid=score-card]', 'data-band')).toBe(city.band);
    const rows = await page
      .locator('[data-testid=breakdown-table] tbody tr[data-key]')
      .evaluateAll((trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset })));
    expect(rows.map((r) => r.key)).toEqual(city.indicators.map((i) => i.key));
    city.indicators.forEach((i, n) => {
      expect(Number(rows[n]!.contribution)).toBe(i.contribution);
      expect(Number(rows[n]!.weight)).toBe(i.weight);
      expect(rows[n]!.raw === '' ? null : Number(rows[n]!.raw)).toBe(i.rawValue);
    });
    expect(await page.textContent('[data-testid=period-a] option:checked')).toBe('2026年5月');
    // Three months published: three points on the 12-month trend.
    expect(await page.getAttribute('[data-testid=index-trend]', 'data-points')).toBe('3');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SHOTS}/review-1366x768.png` });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  it('drills down county → township by the ranking, and back up by the breadcrumb', async () => {
    await page.click(`[data-testid=ranking-table] tr[data-code="${COUNTY}"] button`);
    await waitForScore(page, (await api(COUNTY)).score);
    await page.click(`[data-testid=ranking-table] tr[data-code="${TOWNSHIP}"] button`);
    await waitForScore(page, (await api(TOWNSHIP)).score);
    const crumbs = await page
      .locator('[data-testid=breadcrumb] [data-code]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(crumbs).toEqual([CITY, COUNTY, TOWNSHIP]);
    // The villages are ranked and drawn; hot spots of the month are listed.
    expect(await page.locator('[data-testid=ranking-table] tbody tr').count()).toBeGreaterThan(10);
    await page.waitForSelector('[data-testid=hotspot-list] tr[data-bin]', { timeout: 30_000 });
    await page.waitForTimeout(2000);
    await page.screenshot({ path: `${SHOTS}/review-township.png` });
    await page.click(`[data-testid=breadcrumb] button[data-code="${CITY}"]`);
    await waitForScore(page, (await api(CITY)).score);
    await page.goBack();
    await waitForScore(page, (await api(TOWNSHIP)).score);
    expect(watch.consoleErrors).toEqual([]);
  }, 120_000);

  it('compares two months side by side', async () => {
    const [may, april] = [await api(TOWNSHIP), await api(TOWNSHIP, MONTHS[1])];
    await page.selectOption('[data-testid=period-b]', '2026-04-01');
    await page.waitForSelector(`[data-testid=score-compare][data-score="${april.score}"]`, { timeout: 30_000 });
    const compare = await page
      .locator('[data-testid=breakdown-table] tbody tr[data-key]')
      .evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.compare)));
    expect(compare).toEqual(april.indicators.map((i) => i.contribution));
    const change = (await page.textContent('[data-testid=score-change]'))!;
    expect(change.startsWith(may.score >= april.score ? '▲' : '▼')).toBe(true);
    expect(Number(change.replace(/[^\d.]/g, ''))).toBeCloseTo(Math.abs(may.score - april.score), 1);
    await page.screenshot({ path: `${SHOTS}/review-compare.png` });
  });

  it('exports the table as CSV for Excel and the view as PNG', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = await readFile((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    const township = await api(TOWNSHIP);
    expect(lines).toHaveLength(township.indicators.length + 2);
    expect(lines[0]).toContain('贡献分');
    expect(lines[1]!.startsWith(township.indicators[0]!.label)).toBe(true);
    expect(lines.at(-1)).toContain(String(township.score));

    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-png]')]);
    const image = await readFile((await png.path())!);
    expect([...image.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(image.length).toBeGreaterThan(20_000);
    await import('node:fs/promises').then((fs) => fs.writeFile(`${SHOTS}/review-export.png`, image));
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  it('switches to English', async () => {
    await page.click('[data-testid=language]');
    expect(await page.textContent('.review-header h1')).toContain('review');
    expect(await page.textContent('[data-testid=breakdown-table] thead')).toContain('Points');
    await page.screenshot({ path: `${SHOTS}/review-en.png` });
    await page.click('[data-testid=language]');
  });
});

describe('the wall with the index published', () => {
  it('shows the index gauge, its trend and the ranking by index', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const page = await context.newPage();
      await page.clock.setFixedTime(TEST_NOW);
      const watch = watchPage(page, suite.server.base);
      await page.goto(`${suite.server.base}/wall?kiosk=demo-wall&unit=${TOWNSHIP}&layers=boundaries,index`);
      const township = await api(TOWNSHIP);
      await page.waitForSelector(`[data-testid=index-gauge][data-value="${township.score}"]`, { timeout: 120_000 });
      expect(await page.getAttribute('[data-testid=panel-index] [data-testid=index-trend]', 'data-points')).toBe('3');
      expect(await page.locator('[data-testid=chart-index-rank] li').count()).toBe(6);
      await page.waitForSelector('[data-map-state=ready][data-frames]', { timeout: READY_TIMEOUT_MS });
      await page.waitForTimeout(3000);
      await page.screenshot({ path: `${SHOTS}/wall-index.png` });
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
