/**
 * The administrator's upload page (/admin/import) in a real browser, against the API in this
 * process on the tiny demo data: a camera register as CSV in GCJ-02 with Chinese headers, checked
 * (one bad row reported by line, nothing written), fixed, applied (positions converted), listed
 * and rolled back from the page; a township account is refused. Screenshots go to
 * .cache/screenshots (look at them).
 */
import { randomBytes } from 'node:crypto';
import gcoordModule from 'gcoord';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../server/test/api.js';
import { watchPage, type PageWatch } from './support/browser.js';
import { browserSuite, SHOTS } from './support/suite.js';

type Gcoord = (typeof gcoordModule)['default'];
// gcoord is CommonJS with typings that declare an ES default export (as in server/src/imports/crs.ts).
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as Gcoord;

const TOWNSHIP = '371702005000';
/** GB/T 28181 ids (centre 37170200, industry 00, type 131/132, network 8, serial) not in the demo data. */
const IDS = ['37170200001328990001', '37170200001318990002', '37170200001328990003'];
/** Digit 14 (the network code) must be 5–8. */
const BAD_ID = '37170200001310990002';

const suite = browserSuite();
/** GCJ-02 positions (as the register has them, from a web map) inside three of the township's grids. */
let positions: [number, number][];

beforeAll(async () => {
  const { rows } = await suite.server.db.query<{ x: number; y: number }>(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y
       FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grids
              WHERE code LIKE $1 AND valid_to IS NULL ORDER BY code LIMIT 3) s`,
    [`${TOWNSHIP.slice(0, 9)}%`],
  );
  expect(rows).toHaveLength(3);
  positions = rows.map((r) => {
    const [lon, lat] = gcoord.transform([r.x, r.y], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    return [Number(lon.toFixed(7)), Number(lat.toFixed(7))];
  });
  // New cameras: the import adds them (the demo data has none with these ids).
  expect(await camerasIn(IDS)).toEqual([]);
}, 300_000);

/** The register as an office exports it: UTF-8 with BOM, Windows line endings, Chinese headers. */
function register(ids: string[]): Buffer {
  const kinds = ['球机', '枪机', '云台'];
  const lines = [
    '名称,编码,经度,纬度,类型,状态,所属单位',
    ...ids.map((id, i) => `测试路口${i + 1}号,${id},${positions[i]![0]},${positions[i]![1]},${kinds[i]},在线,牡丹分局`),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

async function camerasIn(ids: string[]) {
  const { rows } = await suite.server.db.query<{ id: string; x: number; y: number; kind: string }>(
    'SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y, kind FROM cameras WHERE id = ANY($1) ORDER BY array_position($1::text[], id)',
    [ids],
  );
  return rows;
}

const importCount = async () =>
  (await suite.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM imports')).rows[0]!.n;

/** Metres between two lon/lat points (equirectangular; fine over a few metres). */
function metres(a: [number, number], b: [number, number]): number {
  const k = Math.PI / 180;
  const x = (b[0] - a[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k);
  const y = (b[1] - a[1]) * k;
  return Math.hypot(x, y) * 6_371_008;
}

async function logIn(page: Page, username: string) {
  await page.goto(`${suite.server.base}/admin/import`);
  await page.fill('[data-testid=sign-in-password] input[name=username]', username);
  await page.fill('[data-testid=sign-in-password] input[name=password]', 'demo');
  await page.click('[data-testid=sign-in-password] button[type=submit]');
}

async function choose(page: Page, name: string, bytes: Buffer) {
  await page.setInputFiles('[data-testid=import-file]', { name, mimeType: 'text/csv', buffer: bytes });
}

async function dryRun(page: Page) {
  await page.click('[data-testid=import-dry-run]');
  await page.waitForSelector('[data-testid=import-report]', { timeout: 30_000 });
}

describe('the import page at 1366 × 768, as the administrator', () => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    // A browser in another zone than the server's display zone: the page must show the server's.
    context = await suite.browser.newContext({
      viewport: { width: 1366, height: 768 },
      timezoneId: 'America/New_York',
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.clock.setFixedTime(TEST_NOW);
    watch = watchPage(page, suite.server.base);
    await logIn(page, 'demo-admin');
    await page.waitForSelector('[data-testid=import-form]', { timeout: 60_000 });
  }, 120_000);
  afterAll(() => context?.close());

  it('reports the bad row with its line and reason on a dry run, and writes nothing', async () => {
    await page.screenshot({ path: `${SHOTS}/import-empty.png` });
    expect(await page.textContent('h1')).toBe('数据导入');
    await page.selectOption('[data-testid=import-layer]', 'cameras');
    await page.selectOption('[data-testid=import-crs]', 'gcj02');
    await choose(page, '摄像机台账.csv', register([IDS[0]!, BAD_ID, IDS[2]!]));
    expect(await page.isDisabled('[data-testid=import-apply]')).toBe(true);
    await dryRun(page);

    const report = page.locator('[data-testid=import-report]');
    expect(await report.getAttribute('data-state')).toBe('rejected');
    const count = (name: string) => page.getAttribute(`[data-count=${name}]`, 'data-value').then(Number);
    expect([await count('read'), await count('valid'), await count('rejected')]).toEqual([3, 2, 1]);
    const rejected = await page.locator('[data-testid=rejected] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        position: (tr as HTMLElement).dataset.position,
        field: (tr as HTMLElement).dataset.field,
        text: tr.textContent,
      })),
    );
    expect(rejected).toHaveLength(1);
    // The header is line 1, so the second record is line 3.
    expect(rejected[0]!.position).toBe('line 3');
    // The target column and the file's own column name.
    expect(rejected[0]!.field).toBe('id (编码)');
    expect(rejected[0]!.text).toContain('第 3 行');
    expect(rejected[0]!.text).toContain('第 14 位为 5–8');
    expect(await page.textContent('[data-testid=import-summary]')).toContain('未写入任何数据');
    expect(await page.isDisabled('[data-testid=import-apply]')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/import-rejected.png`, fullPage: true });

    expect(await camerasIn([...IDS, BAD_ID])).toEqual([]);
    expect(await importCount()).toBe(0);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('switches to English with the same report', async () => {
    await page.click('[data-testid=language]');
    expect(await page.textContent('h1')).toBe('Data import');
    expect(await page.textContent('[data-testid=rejected] tbody tr')).toContain('Line 3');
    await page.screenshot({ path: `${SHOTS}/import-en.png` });
    await page.click('[data-testid=language]');
    expect(await page.textContent('h1')).toBe('数据导入');
  });

  it('shows each layer’s required and optional columns with their headers, and a template to download', async () => {
    const columns = page.locator('[data-testid=import-columns]');
    await columns.waitFor({ timeout: 30_000 });
    const required = () =>
      columns
        .locator('tr[data-required=true]')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.column));
    expect(await required()).toEqual(['id', 'name', 'lon', 'lat']);
    const kind = await columns.locator('tr[data-column=kind]').textContent();
    expect(kind).toContain('选填');
    expect(kind).toContain('缺省为“未知”');
    expect(kind).toContain('类型');
    expect(await columns.locator('tr[data-column=owner_unit]').textContent()).toContain('导入账号所属单位');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=import-template]')]);
    expect(download.suggestedFilename()).toBe('cameras-template.csv');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      '\ufeff编码,名称,类型,状态,最后在线时间,朝向,视场角,所属单位,网格编码,经度,纬度\r\n',
    );

    await page.selectOption('[data-testid=import-layer]', 'risk_points');
    expect(await required()).toEqual(['id', 'name', 'category', 'level', 'responsible_unit', 'lon', 'lat']);
    await page.screenshot({ path: `${SHOTS}/import-columns.png`, fullPage: true });
    await page.selectOption('[data-testid=import-layer]', 'cameras');
    expect(watch.consoleErrors).toEqual([]);
  });

  it('refuses a binary file at once with one clear message', async () => {
    await choose(page, 'noise.csv', randomBytes(10 * 1024 * 1024));
    const started = Date.now();
    await page.click('[data-testid=import-dry-run]');
    await page.waitForSelector('[data-testid=import-error]', { timeout: 30_000 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await page.textContent('[data-testid=import-error]')).toContain('这不是文本文件');
    expect(await page.locator('[data-testid=import-report]').count()).toBe(0);
    expect(await importCount()).toBe(0);
    // The browser logs the refusal's status; it is the answer this test asks for, nothing else.
    expect(watch.consoleErrors).toEqual([expect.stringContaining('status of 400')]);
    watch.consoleErrors.length = 0;
  });

  it('groups refusals by reason and shows the first rows of each', async () => {
    const lines = ['编码,名称,经度,纬度'];
    for (let i = 1; i <= 8; i++) lines.push(`C00${i},路口${i},${positions[0]![0]},${positions[0]![1]}`);
    lines.push(`${IDS[0]},,${positions[0]![0]},${positions[0]![1]}`);
    await choose(page, '新台账.csv', Buffer.from(lines.join('\n'), 'utf8'));
    await dryRun(page);
    const groups = await page.locator('[data-testid=rejected-group]').evaluateAll((divs) =>
      divs.map((d) => ({
        key: (d as HTMLElement).dataset.key,
        count: Number((d as HTMLElement).dataset.count),
        rows: d.querySelectorAll('tbody tr').length,
        title: d.querySelector('h4')?.textContent ?? '',
      })),
    );
    expect(groups.map(({ key, count, rows }) => ({ key, count, rows }))).toEqual([
      { key: 'bad_code:id', count: 8, rows: 5 },
      { key: 'missing:name', count: 1, rows: 1 },
    ]);
    expect(groups[0]!.title).toContain('GB/T 28181');
    expect(groups[0]!.title).toContain('8 条');
    expect(groups[1]!.title).toContain('缺少名称');
    await page.screenshot({ path: `${SHOTS}/import-grouped.png`, fullPage: true });
    expect(await importCount()).toBe(0);
    expect(watch.consoleErrors).toEqual([]);
  });

  it('applies the fixed file after a clean dry run, with positions converted from GCJ-02', async () => {
    await choose(page, '摄像机台账-修正.csv', register(IDS));
    await dryRun(page);
    expect(await page.getAttribute('[data-testid=import-report]', 'data-state')).toBe('checked');
    expect(await page.getAttribute('[data-count=toInsert]', 'data-value')).toBe('3');
    expect(await page.textContent('[data-testid=import-summary]')).toContain('将新增 3 条');
    expect(await camerasIn(IDS)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/import-checked.png`, fullPage: true });

    await page.click('[data-testid=import-apply]');
    await page.waitForSelector('[data-testid=import-report][data-state=applied]', { timeout: 30_000 });
    const importId = await page.getAttribute('[data-testid=import-report]', 'data-import-id');
    expect(importId).toMatch(/^\d+$/);
    // Recorded at the server's clock (the test clock), like every other record.
    const recorded = await suite.server.db.query<{ at: Date }>('SELECT at FROM imports WHERE id = $1', [
      Number(importId),
    ]);
    expect(new Date(recorded.rows[0]!.at).toISOString()).toBe(TEST_NOW.toISOString());

    const cameras = await camerasIn(IDS);
    expect(cameras.map((c) => c.id)).toEqual(IDS);
    expect(cameras.map((c) => c.kind)).toEqual(['dome', 'bullet', 'ptz']);
    cameras.forEach((c, i) => {
      const expected = gcoord.transform(positions[i]!, gcoord.GCJ02, gcoord.WGS84) as [number, number];
      expect(metres([c.x, c.y], expected)).toBeLessThan(3);
      // …and really moved from the GCJ-02 numbers (the offset is hundreds of metres).
      expect(metres([c.x, c.y], positions[i]!)).toBeGreaterThan(100);
    });

    const row = page.locator(`[data-testid=import-history] tr[data-id="${importId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('applied');
    expect(await row.textContent()).toContain('摄像机台账-修正.csv');
    // In the server's display zone (Asia/Shanghai), not the browser's (New York).
    expect(await row.locator('[data-testid=import-at]').textContent()).toBe(
      TEST_NOW.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }),
    );
    await page.screenshot({ path: `${SHOTS}/import-applied.png`, fullPage: true });
    expect(watch.consoleErrors).toEqual([]);
  });

  it('rolls the import back from the page, and the cameras are gone', async () => {
    const importId = (await page
      .locator('[data-testid=import-history] tr[data-status=applied]')
      .first()
      .getAttribute('data-id'))!;
    await page.click(`[data-testid=rollback-${importId}]`);
    await page.screenshot({ path: `${SHOTS}/import-confirm-rollback.png`, fullPage: true });
    await page.click('[data-testid=confirm-rollback]');
    await page.waitForSelector(`[data-testid=import-history] tr[data-id="${importId}"][data-status=rolled_back]`, {
      timeout: 30_000,
    });
    expect(await page.textContent('[data-testid=import-notice]')).toContain(`#${importId}`);
    expect(await camerasIn(IDS)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/import-rolled-back.png`, fullPage: true });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

describe('the import page as a township account', () => {
  it('refuses with a clear message and offers no upload', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      const watch = watchPage(page, suite.server.base);
      await logIn(page, 'demo-township');
      await page.waitForSelector('[data-testid=import-forbidden]', { timeout: 60_000 });
      expect(await page.textContent('[data-testid=import-forbidden]')).toContain('数据导入仅限系统管理员');
      expect(await page.locator('[data-testid=import-form]').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/import-forbidden.png` });
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
