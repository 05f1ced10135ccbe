/**
 * Every screen in both languages at 1920×1080: each visible text is in the page's language once
 * the data's proper names (units, grids, places, people) and shared tokens (numbers, codes,
 * units of measure) are set aside. The planner is shown thresholds every grid breaks, so that the
 * server's planning messages are on screen too; the account form is sent a unit the data lacks, so
 * that a server error is.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/auth/totp.js';
import { TEST_NOW } from '../server/test/api.js';
import { TestClock } from '../server/test/sign-in.js';
import { foreignTexts, properNames, visibleTexts } from './support/languages.js';
import { clippedText, overflowing, READY_TIMEOUT_MS, waitForMap } from './support/page.js';
import { browserSuite, SHOTS } from './support/suite.js';

const WAIT = { timeout: 60_000 };
const VILLAGE = '371702005001';
const LANGUAGES = ['zh', 'en'] as const;

const clock = new TestClock(TEST_NOW);
const suite = browserSuite({ now: clock.now });
let names: string[];

beforeAll(async () => {
  // Thresholds no grid meets: every grid gets a warning from the server and the browser alike.
  await suite.server.db.query(
    `INSERT INTO settings (key, value) VALUES ('grid_planning', $1)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify({ householdsMin: 100_000, householdsMax: 200_000 })],
  );
  // A published month for the review to show.
  await suite.server.gql(
    'mutation ($at: DateTime) { publishIndex(period: month, at: $at) { revision } }',
    { at: '2026-05-15T12:00:00+08:00' },
    'demo-admin',
  );
  names = await properNames(suite.server.db);
}, 300_000);

interface Screen {
  context: BrowserContext;
  page: Page;
}

async function openScreen(): Promise<Screen> {
  const context = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(TEST_NOW);
  return { context, page };
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.waitForSelector('[data-testid=sign-in-password]', WAIT);
  await page.fill('[data-testid=sign-in-password] input[name=username]', username);
  await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
  await page.click('[data-testid=sign-in-password] button[type=submit]');
}

/** An administrator's sign-in with the second factor enrolled on the way. */
async function signInAndEnrol(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.waitForSelector('[data-testid=sign-in-enrol]', WAIT);
  const secret = (await page.getAttribute('[data-testid=enrol-secret]', 'data-secret'))!;
  clock.advance(30_000);
  await page.fill('[data-testid=sign-in-enrol] input[name=code]', totpCode(secret, clock.now()));
  await page.click('[data-testid=sign-in-enrol] button[type=submit]');
  await page.check('[data-testid=recovery-saved]', WAIT);
  await page.click('[data-testid=sign-in-recovery-codes] button.auth-submit');
}

const url = (path: string, language: string) =>
  `${suite.server.base}${path}${path.includes('?') ? '&' : '?'}lang=${language}`;

/**
 * A screen opened in each language in turn (the session kept in the tab), brought to the state
 * `ready` waits for; the texts not in the page's language, by language.
 */
async function foreignOn(
  path: string,
  ready: (page: Page, first: boolean) => Promise<void>,
): Promise<Record<string, string[]>> {
  const { context, page } = await openScreen();
  const out: Record<string, string[]> = {};
  try {
    for (const [n, language] of LANGUAGES.entries()) {
      await page.goto(url(path, language));
      await ready(page, n === 0);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      out[language] = foreignTexts(await visibleTexts(page), language, names);
    }
  } finally {
    await context.close();
  }
  return out;
}

const NONE = { zh: [], en: [] };

describe('every screen speaks the language of its page', () => {
  it('the wall', async () => {
    const found = await foreignOn('/wall?kiosk=demo-wall', (page) => waitForMap(page));
    expect(found).toEqual(NONE);
  }, 400_000);

  it("the wall's ticker and alerts, whole in either language", async () => {
    const { context, page } = await openScreen();
    const cut: Record<string, string[]> = {};
    try {
      for (const language of LANGUAGES) {
        await page.goto(url('/wall?kiosk=demo-wall', language));
        await waitForMap(page);
        await page.waitForSelector('.ticker-list li', WAIT);
        cut[language] = [
          ...(await overflowing(page, '.ticker-list li span, .alert')),
          ...(await clippedText(page, '[data-testid=panel-ticker]')),
          ...(await clippedText(page, '[data-testid=panel-alerts]')),
        ];
        await page.screenshot({ path: `${SHOTS}/wall-languages-${language}.png` });
      }
    } finally {
      await context.close();
    }
    expect(cut).toEqual(NONE);
  }, 400_000);

  it('the review', async () => {
    const found = await foreignOn('/review', async (page, first) => {
      if (first) await signIn(page, 'demo-city');
      await page.waitForSelector('[data-testid=score-card]', WAIT);
      await page.waitForSelector('[data-testid=review-map][data-map-state=ready][data-frames]', {
        timeout: READY_TIMEOUT_MS,
      });
    });
    expect(found).toEqual(NONE);
  }, 400_000);

  it("the planner, with the server's and the browser's checks on screen", async () => {
    const found = await foreignOn('/plan', async (page, first) => {
      if (first) await signIn(page, 'demo-planner');
      await page.waitForSelector(`[data-testid=village] option[value="${VILLAGE}"]`, { state: 'attached', ...WAIT });
      await page.selectOption('[data-testid=village]', VILLAGE);
      await page.waitForSelector('[data-testid=plan-map][data-map-state=ready]', { timeout: READY_TIMEOUT_MS });
      await page.waitForSelector('[data-testid=issue-HOUSEHOLDS_OUT_OF_RANGE]', WAIT);
    });
    expect(found).toEqual(NONE);
  }, 400_000);

  it('the import page', async () => {
    const found = await foreignOn('/admin/import', async (page, first) => {
      if (first) await signIn(page, 'demo-admin');
      await page.waitForSelector('[data-testid=import-form]', WAIT);
    });
    expect(found).toEqual(NONE);
  }, 400_000);

  it('the password page', async () => {
    const found = await foreignOn('/account/password', async (page, first) => {
      if (first) await signIn(page, 'demo-township');
      await page.waitForSelector('[data-testid=change-password]', WAIT);
    });
    expect(found).toEqual(NONE);
  }, 400_000);

  it("the accounts page, with the server's refusal of a user name", async () => {
    const found = await foreignOn('/admin/accounts', async (page, first) => {
      if (first) await signInAndEnrol(page, 'demo-sysadmin');
      await page.waitForSelector('[data-testid=account-table]', WAIT);
      await page.click('[data-testid=new-account]');
      await page.fill('[data-testid=create-account] input[name=username]', 'language-test');
      await page.fill('[data-testid=create-account] input[name=displayName]', '李娜');
      // A well-formed code of a unit the data does not have.
      await page.fill('[data-testid=create-account] input[name=jurisdiction]', '110101000000');
      await page.click('[data-testid=account-form-submit]');
      await page.waitForSelector('[data-testid=admin-error]', WAIT);
    });
    expect(found).toEqual(NONE);
  }, 400_000);

  it('the audit page', async () => {
    const found = await foreignOn('/admin/audit', async (page, first) => {
      if (first) await signInAndEnrol(page, 'demo-auditadmin');
      await page.waitForSelector('[data-testid=audit-table] tbody tr', WAIT);
      await page.waitForSelector('[data-testid=chain-status][data-intact=true]', WAIT);
    });
    expect(found).toEqual(NONE);
  }, 400_000);
});
