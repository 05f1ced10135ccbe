/**
 * `npx tsx scripts/bench/window-cpu.ts [--windows 2]`
 * What Chromium itself does when a browser context opens its window, with no page loaded: each
 * process's CPU time (DevTools' SystemInfo.getProcessInfo, in seconds since it started) every
 * 200 ms for 2.4 s after the window opens. The wall benchmark (wall.ts) waits for this to settle
 * before it navigates, unless `--busy-window`.
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumFlagsWithExtra } from '../../e2e/support/browser.js';

const { values } = parseArgs({ options: { windows: { type: 'string', default: '2' } } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: chromiumFlagsWithExtra(),
});
const cdp = await browser.newBrowserCDPSession();
const cpu = async () => {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; cpuTime: number }[];
  };
  return processInfo.map((p) => `${p.type}:${p.cpuTime.toFixed(2)}`).join(' ');
};
for (let w = 1; w <= Number(values.windows); w++) {
  const context = await browser.newContext({ viewport: { width: 3840, height: 2160 } });
  const opened = Date.now();
  await context.newPage();
  console.log(`window ${w}`);
  while (Date.now() - opened < 2400) {
    console.log(`  ${String(Date.now() - opened).padStart(5)} ms  ${await cpu()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await context.close();
}
await browser.close();
