/**
 * The forecast layer and its skill card on the wall, in a real browser on the tiny demo data:
 * the layer changes the map, the card states the published track record (and where the model
 * does not beat a baseline), and a predicted hot spot opens its drill-down.
 */
import { beforeAll, expect, it } from 'vitest';
import { publishDueSkill } from '../server/src/forecast/publish-skill.js';
import { TEST_NOW } from '../server/test/api.js';
import { skillFacts } from '../web/src/forecast/skill.js';
import { SCREEN_FORECAST, type ScreenForecastAnswer } from '../web/src/forecast/queries.js';
import { difference, fingerprint, watchPage } from './support/browser.js';
import { READY_TIMEOUT_MS, settle, waitForMap } from './support/page.js';
import { browserSuite, SHOTS } from './support/suite.js';

const MAP = '[data-testid=wall-map]';
const CITY = '371700000000';

const suite = browserSuite();

beforeAll(async () => {
  const run = await publishDueSkill(suite.server.db, TEST_NOW, {
    publishedBy: 'scheduler',
    now: TEST_NOW,
    levels: ['city'],
    horizons: [7],
  });
  expect(run.published).toHaveLength(1);
}, 300_000);

it('shades the map by the forecast, states its track record and drills into a predicted hot spot', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(TEST_NOW);
  const watch = watchPage(page, suite.server.base);
  const forecastRequests: number[] = [];
  page.on('request', (r) => r.postData()?.includes('query ScreenForecast') && forecastRequests.push(Date.now()));
  try {
    await page.goto(`${suite.server.base}/wall?kiosk=demo-wall&lang=en`);
    await waitForMap(page);
    // Off by default, the layer reads nothing: it adds nothing to the wall's data ready.
    expect(forecastRequests, 'forecast requests before the layer is switched on').toEqual([]);
    const without = await fingerprint(page, MAP);

    await page.click('[data-testid=toggle-forecast]');
    await page.waitForSelector('[data-testid=forecast-skill]', { timeout: 60_000 });
    await settle(page);
    expect(difference(without, await fingerprint(page, MAP)), 'the forecast layer changes the map').toBeGreaterThan(1);

    const answer = await suite.server.gql<ScreenForecastAnswer>(SCREEN_FORECAST, { unit: CITY, horizonDays: 7 });
    const facts = skillFacts(answer.forecastSkill!);
    const card = (await page.textContent('[data-testid=forecast-skill]'))!;
    expect(card).toContain(`Last ${facts.weeks} weeks: 80% intervals held ${Math.round(facts.held80! * 100)}%`);
    expect(card).toMatch(/PAI [\d.]+ vs [\d.]+ for last month’s hot spots/);
    if (facts.notBetter.length > 0)
      expect(await page.locator('[data-testid=forecast-not-better] li').count()).toBe(facts.notBetter.length);
    else expect(card).toContain('Better than every baseline on every measure');

    const hotSpots = page.locator('[data-testid=forecast-hot-spots] button');
    expect(await hotSpots.count()).toBeGreaterThan(0);
    await hotSpots.first().click();
    await page.waitForSelector('[data-testid=forecast-drill] .forecast-bars .past', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=forecast-drill]')).toMatch(/Next 7 days: [\d.]+ expected, 80% \d+–\d+/);
    expect(await page.locator('[data-testid=forecast-drill] .forecast-bars .past').count()).toBe(12);
    await page.screenshot({ path: `${SHOTS}/wall-forecast.png` });
    expect(watch.consoleErrors).toEqual([]);
  } finally {
    await context.close();
  }
}, 300_000);

it('shows the forecast layer and its skill card on the review, in Chinese', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(TEST_NOW);
  const watch = watchPage(page, suite.server.base);
  try {
    await page.goto(`${suite.server.base}/review`);
    await page.fill('[data-testid=sign-in-password] input[name=username]', 'demo-city');
    await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
    await page.click('[data-testid=sign-in-password] button[type=submit]');
    const map = '[data-testid=review-map]';
    await page.waitForSelector(`${map}[data-map-state=ready][data-frames]`, { timeout: READY_TIMEOUT_MS });
    await page.waitForTimeout(1_000);
    const without = await fingerprint(page, map);
    await page.click('[data-testid=review-legend] [data-testid=toggle-forecast]');
    await page.waitForSelector('[data-testid=forecast-skill]', { timeout: 60_000 });
    await page.waitForTimeout(2_000);
    expect(difference(without, await fingerprint(page, map)), 'the forecast layer changes the map').toBeGreaterThan(1);
    expect(await page.textContent('[data-testid=forecast-skill]')).toMatch(/近 12 周：80% 预测区间命中 \d+%/);
    await page.screenshot({ path: `${SHOTS}/review-forecast.png` });
    expect(watch.consoleErrors).toEqual([]);
  } finally {
    await context.close();
  }
}, 300_000);
