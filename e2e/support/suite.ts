/**
 * What every browser suite sets up first and closes last: the web build, a test server on the
 * tiny city, one Chromium, and the folder screenshots go to. A suite's own setup (data to plant,
 * a page to open) goes in a `beforeAll` of its own after this, and runs after it.
 */
import type { Browser } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { ensureWebBuild } from './build.js';
import { startWallServer, type WallServer } from './server.js';

export const SHOTS = '.cache/screenshots';

export interface BrowserSuite {
  readonly server: WallServer;
  readonly browser: Browser;
}

/** Registers the shared setup and teardown; the suite's server and browser are read once it ran. */
export function browserSuite(options: { now?: () => Date } = {}): BrowserSuite {
  let server: WallServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureWebBuild();
    await mkdir(SHOTS, { recursive: true });
    server = await startWallServer(options.now);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is not started: read it inside a test or hook`);
    return value;
  };
  return {
    get server() {
      return ready(server, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
  };
}
