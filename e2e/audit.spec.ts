/**
 * The audit administrator's page in a real browser, against the API in this process on the tiny
 * demo data: signed in with a second factor, the record newest first with the hash chain
 * verified, filtered by operation and outcome, and the same filter exported as CSV with the
 * bearer token. Screenshots go to .cache/screenshots (look at them).
 *
 * Runs once the server has the audit review API (auditLog, auditChain, auditOperations and GET
 * /exports/audit.csv); before that, the suite says it was skipped rather than failing.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../server/src/graphql/schema.js';
import { totpCode } from '../server/src/auth/totp.js';
import { TEST_NOW } from '../server/test/api.js';
import { TestClock } from '../server/test/sign-in.js';
import { watchPage, type PageWatch } from './support/browser.js';
import { browserSuite, SHOTS } from './support/suite.js';

const WAIT = { timeout: 30_000 };
const HAS_AUDIT_API = Boolean(schema.getQueryType()?.getFields().auditLog);

describe.skipIf(!HAS_AUDIT_API)('the audit page, as the audit administrator', () => {
  const clock = new TestClock(TEST_NOW);
  const suite = browserSuite({ now: clock.now });
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    watch = watchPage(page, suite.server.base);
    // Something to find: a refused sign-in.
    await fetch(`${suite.server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "demo-city", password: "wrong") { step } }' }),
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
  });

  it('lands the audit administrator on the record, newest first, with the chain verified', async () => {
    await page.goto(`${suite.server.base}/signin`);
    await page.fill('[data-testid=sign-in-password] input[name=username]', 'demo-auditadmin');
    await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
    await page.click('[data-testid=sign-in-password] button[type=submit]');
    await page.waitForSelector('[data-testid=sign-in-enrol]', WAIT);
    const secret = (await page.getAttribute('[data-testid=enrol-secret]', 'data-secret'))!;
    clock.advance(30_000);
    await page.fill('[data-testid=sign-in-enrol] input[name=code]', totpCode(secret, clock.now()));
    await page.click('[data-testid=sign-in-enrol] button[type=submit]');
    await page.check('[data-testid=recovery-saved]');
    await page.click('[data-testid=sign-in-recovery-codes] button.auth-submit');
    await page.waitForSelector('[data-testid=audit-table]', WAIT);
    expect(new URL(page.url()).pathname).toBe('/admin/audit');
    await page.waitForSelector('[data-testid=chain-status][data-intact=true]', WAIT);
    expect(await page.locator('[data-testid=audit-table] tbody tr').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/admin-audit.png` });
    expect(watch.consoleErrors).toEqual([]);
  });

  it('filters by operation and outcome', async () => {
    await page.selectOption('[data-testid=audit-filters] select[name=operation]', 'login');
    await page.selectOption('[data-testid=audit-filters] select[name=outcome]', 'unauthenticated');
    await page.click('[data-testid=audit-search]');
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid=audit-table] tbody tr')].every(
          (tr) => (tr as HTMLElement).dataset.outcome === 'unauthenticated',
        ),
      undefined,
      WAIT,
    );
    const rows = page.locator('[data-testid=audit-table] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().textContent()).toContain('demo-city');
    // The operation and the sign-in note read in words (the API's name of the operation on hover).
    const operation = rows.first().locator('td[data-operation]');
    expect(await operation.getAttribute('data-operation')).toBe('login');
    expect(await operation.textContent()).toBe('登录');
    expect(await rows.first().locator('td').last().textContent()).toMatch(/^[^A-Za-z]*\p{Script=Han}[^A-Za-z]*$/u);
    await page.screenshot({ path: `${SHOTS}/admin-audit-filtered.png` });
  });

  it('exports the filtered record as CSV with its header row', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=audit-export]')]);
    expect(download.suggestedFilename()).toBe('audit.csv');
    const path = await download.path();
    const lines = (await readFile(path!, 'utf8'))
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes('demo-city'))).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
  });
});
