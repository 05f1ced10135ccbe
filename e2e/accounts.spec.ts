/**
 * An account's life through the administrators' pages in a real browser, against the API in
 * this process on the tiny demo data: the system administrator signs in with a second factor
 * (enrolling an authenticator on the first sign-in, codes computed here as an app would),
 * creates an account; the security administrator grants it a role; its owner signs in with the
 * temporary password, is made to change it (a weak one refused with the rules broken), signs
 * in again; the system administrator disables it and its sign-in is refused. Screenshots go to
 * .cache/screenshots (look at them).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/auth/totp.js';
import { TEST_NOW } from '../server/test/api.js';
import { TestClock } from '../server/test/sign-in.js';
import { watchPage, type PageWatch } from './support/browser.js';
import { browserSuite, SHOTS } from './support/suite.js';

const VIEWPORT = { width: 1366, height: 768 };
const NEW_USER = 'li.na';
const NEW_PASSWORD = 'Heze-Grid-2026';
const WAIT = { timeout: 30_000 };

const clock = new TestClock(TEST_NOW);
const suite = browserSuite({ now: clock.now });

interface Screen {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

async function openScreen(): Promise<Screen> {
  const context = await suite.browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  return { context, page, watch: watchPage(page, suite.server.base) };
}

async function enterPassword(page: Page, username: string, password: string) {
  await page.waitForSelector('[data-testid=sign-in-password]', WAIT);
  await page.fill('[data-testid=sign-in-password] input[name=username]', username);
  await page.fill('[data-testid=sign-in-password] input[name=password]', password);
  await page.click('[data-testid=sign-in-password] button[type=submit]');
}

/**
 * An administrator's first sign-in: the password, then the enrolment (the secret read off the
 * page, a code computed from it), then the recovery codes; `shots` names the screenshots.
 */
async function signInAndEnrol(page: Page, username: string, shots?: string) {
  await page.goto(`${suite.server.base}/admin/accounts`);
  await enterPassword(page, username, 'demo');
  await page.waitForSelector('[data-testid=sign-in-enrol]', WAIT);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(
    await page.locator('[data-testid=enrol-qr]').evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).toBeGreaterThan(0);
  if (shots) await page.screenshot({ path: `${SHOTS}/${shots}-enrol.png` });
  const secret = (await page.getAttribute('[data-testid=enrol-secret]', 'data-secret'))!;
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  clock.advance(30_000);
  await page.fill('[data-testid=sign-in-enrol] input[name=code]', totpCode(secret, clock.now()));
  await page.click('[data-testid=sign-in-enrol] button[type=submit]');
  await page.waitForSelector('[data-testid=recovery-codes]', WAIT);
  expect(await page.locator('[data-testid=recovery-codes] li').count()).toBe(10);
  if (shots) await page.screenshot({ path: `${SHOTS}/${shots}-recovery.png` });
  const proceed = page.locator('[data-testid=sign-in-recovery-codes] button.auth-submit');
  expect(await proceed.isDisabled()).toBe(true);
  await page.check('[data-testid=recovery-saved]');
  await proceed.click();
  await page.waitForSelector('[data-testid=account-table]', WAIT);
}

const row = (page: Page, username: string) =>
  page.locator(`[data-testid=account-table] tr[data-username="${username}"]`);

describe('an account from creation to disabling, through the pages', () => {
  let sysadmin: Screen;
  let secadmin: Screen;
  let owner: Screen;
  let temporaryPassword: string;

  beforeAll(async () => {
    sysadmin = await openScreen();
    secadmin = await openScreen();
    owner = await openScreen();
  });
  afterAll(async () => {
    for (const screen of [sysadmin, secadmin, owner]) await screen?.context.close();
  });

  it('signs the system administrator in with a second factor and lands on the accounts page', async () => {
    const { page } = sysadmin;
    await page.goto(`${suite.server.base}/admin/accounts`);
    await page.waitForSelector('[data-testid=sign-in-password]', WAIT);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: `${SHOTS}/sign-in-password.png` });
    await signInAndEnrol(page, 'demo-sysadmin', 'sign-in');
    expect(new URL(page.url()).pathname).toBe('/admin/accounts');
    expect(await page.textContent('[data-testid=signed-in-as]')).toContain('系统管理员');
    // The system administrator's duty has no role grants and no security policy.
    expect(await page.locator('[data-testid=policy-panel]').count()).toBe(0);
    expect(sysadmin.watch.consoleErrors).toEqual([]);
  });

  it('creates an account and shows its temporary password once', async () => {
    const { page } = sysadmin;
    await page.click('[data-testid=new-account]');
    await page.fill('[data-testid=create-account] input[name=username]', NEW_USER);
    await page.fill('[data-testid=create-account] input[name=displayName]', '李娜');
    await page.fill('[data-testid=create-account] input[name=jurisdiction]', '371702005001');
    await page.click('[data-testid=account-form-submit]');
    await page.waitForSelector('[data-testid=temporary-password]', WAIT);
    temporaryPassword = (await page.textContent('[data-testid=temporary-password-value]'))!.trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    expect(await row(page, NEW_USER).getAttribute('data-state')).toBe('awaiting_role');
    // The jurisdiction reads as the unit's name, not only its code.
    expect(await row(page, NEW_USER).textContent()).toContain('赵楼社区');
    await page.screenshot({ path: `${SHOTS}/admin-accounts-created.png` });
    await page.click('[data-testid=temporary-password] button');
    await page.waitForSelector(`[data-testid=account-detail][data-username="${NEW_USER}"]`, WAIT);
    await page.screenshot({ path: `${SHOTS}/admin-accounts.png` });
  });

  it('lets the security administrator grant the new account a role', async () => {
    const { page } = secadmin;
    await signInAndEnrol(page, 'demo-secadmin');
    await page.waitForSelector('[data-testid=security-policy]', WAIT);
    await row(page, NEW_USER).click();
    await page.selectOption('[data-testid=grant-role]', 'gridworker');
    await page.click('[data-testid=grant-role-submit]');
    await page.waitForSelector('[data-testid=admin-notice]', WAIT);
    expect(await row(page, NEW_USER).getAttribute('data-state')).toBe('active');
    await page.screenshot({ path: `${SHOTS}/admin-accounts-secadmin.png` });
    expect(secadmin.watch.consoleErrors).toEqual([]);
  });

  it('makes the owner change the temporary password, refusing a weak one with the rules it breaks', async () => {
    const { page } = owner;
    await page.goto(`${suite.server.base}/signin`);
    await enterPassword(page, NEW_USER, temporaryPassword);
    await page.waitForSelector('[data-testid=sign-in-new-password]', WAIT);
    expect(await page.textContent('[data-testid=password-rules]')).toContain('至少 10 个字符');
    await page.fill('input[name=new-password]', 'abc');
    await page.fill('input[name=repeat-password]', 'abc');
    await page.click('[data-testid=sign-in-new-password] button[type=submit]');
    await page.waitForSelector('[data-testid=auth-refusal]', WAIT);
    const refusal = await page.textContent('[data-testid=auth-refusal]');
    expect(refusal).toContain('密码太短：至少 10 个字符，当前 3 个。');
    expect(refusal).toContain('还缺少大写字母、数字、符号');
    await page.screenshot({ path: `${SHOTS}/sign-in-change-password.png` });

    await page.fill('input[name=new-password]', NEW_PASSWORD);
    await page.fill('input[name=repeat-password]', NEW_PASSWORD);
    await page.click('[data-testid=sign-in-new-password] button[type=submit]');
    // A grid worker has the map: the start page with the screens.
    await page.waitForURL(`${suite.server.base}/`, WAIT);
  });

  it('signs the owner in again with the new password', async () => {
    const { page } = owner;
    await page.goto(`${suite.server.base}/signin`);
    await enterPassword(page, NEW_USER, NEW_PASSWORD);
    await page.waitForURL(`${suite.server.base}/`, WAIT);
    expect(owner.watch.consoleErrors).toEqual([]);
  });

  it('disables the account after a confirmation, and its sign-in is refused', async () => {
    const { page } = sysadmin;
    await page.reload();
    await row(page, NEW_USER).click();
    const disable = page.locator('[data-testid=account-detail] [data-action=disable]');
    await disable.click();
    expect(await row(page, NEW_USER).getAttribute('data-state')).toBe('active');
    await disable.click();
    await page.waitForSelector(
      `[data-testid=account-table] tr[data-username="${NEW_USER}"][data-state=disabled]`,
      WAIT,
    );

    await owner.page.goto(`${suite.server.base}/signin`);
    await enterPassword(owner.page, NEW_USER, NEW_PASSWORD);
    await owner.page.waitForSelector('[data-testid=auth-refusal]', WAIT);
    expect(await owner.page.textContent('[data-testid=auth-refusal]')).toBe('账号已停用');
  });

  it('keeps the audit page from the system administrator and signs out for good', async () => {
    const { page } = sysadmin;
    await page.goto(`${suite.server.base}/admin/audit`);
    await page.waitForSelector('[data-testid=page-forbidden]', WAIT);
    await page.goto(`${suite.server.base}/admin/accounts`);
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('[data-testid=sign-in-notice]', WAIT);
    expect(await page.textContent('[data-testid=sign-in-notice]')).toBe('您已安全退出。');
    // The token is gone from the tab: the page asks for a sign-in again.
    await page.goto(`${suite.server.base}/admin/accounts`);
    await page.waitForSelector('[data-testid=sign-in-password]', WAIT);
    expect(sysadmin.watch.consoleErrors).toEqual([]);
    expect(sysadmin.watch.foreignRequests).toEqual([]);
  });
});
