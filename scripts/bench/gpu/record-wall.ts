// `npx tsx scripts/bench/gpu/record-wall.ts http://127.0.0.1:PORT`: a server on the city data must be running.
// Records every HTTP response of a wall session (city scale) for replay on the GPU machine.
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { CHROMIUM_FLAGS } from '../../../e2e/support/browser.js';
const base = process.argv[2]!;
const out = process.argv[3] ?? 'scripts/bench/gpu/replay';
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const index: any[] = [];
page.on('response', async (res) => {
  try {
    const req = res.request();
    const url = new URL(res.url());
    if (url.origin !== base) return;
    const body = await res.body();
    const post = req.postData() ?? '';
    let op = '';
    try {
      op = JSON.parse(post).query.replace(/\s+/g, ' ').trim().slice(0, 400);
    } catch {
      // not a GraphQL body: replayed by path
    }
    const file = createHash('sha1')
      .update(req.method() + url.pathname + url.search + post)
      .digest('hex');
    writeFileSync(`${out}/${file}`, body);
    const h = await res.allHeaders();
    index.push({
      method: req.method(),
      path: url.pathname,
      search: url.search,
      op,
      status: res.status(),
      type: h['content-type'] ?? '',
      file,
    });
  } catch (e) {
    console.log('skip', res.url(), String(e));
  }
});
for (const path of ['/wall?kiosk=demo-wall', '/wall?kiosk=demo-wall&tour=1']) {
  await page.goto(`${base}${path}`);
  await page.waitForSelector('[data-map-state=ready][data-frames]', { timeout: 300000 });
  await page.waitForTimeout(8000);
}
writeFileSync(`${out}/index.json`, JSON.stringify(index, null, 1));
console.log(index.length, 'responses');
await browser.close();
