/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium (CHROMIUM_PATH overrides) with
 * WebGL2 through SwiftShader, and a watch on each page for console errors, page errors and
 * requests to any other origin.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * CHROMIUM_FLAGS with the space-separated CHROMIUM_FLAGS_EXTRA added (the benchmarks' way to try
 * other flags, e.g. a GPU's or the kiosk launcher's software compositing); an extra flag replaces
 * one of the same name.
 */
export function chromiumFlagsWithExtra(extra = process.env.CHROMIUM_FLAGS_EXTRA ?? ''): string[] {
  const added = extra.split(' ').filter(Boolean);
  const name = (flag: string) => flag.split('=')[0];
  return [...CHROMIUM_FLAGS.filter((f) => !added.some((a) => name(a) === name(f))), ...added];
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
  /** Clears what was seen so far (e.g. before a phase with its own expectations). */
  reset(): void;
}

/** Records console errors, uncaught exceptions and requests that leave `origin`. */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = {
    consoleErrors: [],
    foreignRequests: [],
    reset() {
      watch.consoleErrors.length = 0;
      watch.foreignRequests.length = 0;
    },
  };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  // A non-Error thrown or rejected arrives with the message "Object": keep its name and stack too.
  page.on('pageerror', (error) =>
    watch.consoleErrors.push(`uncaught: ${error.name}: ${error.message} ${error.stack ?? ''}`.trim()),
  );
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin && !(url.protocol === 'ws:' && url.host === new URL(origin).host)) {
      watch.foreignRequests.push(request.url());
    }
  });
  return watch;
}

/**
 * A coarse fingerprint of what an element shows: the mean colour of each cell of a grid over
 * its screenshot, and how many distinct colours it holds. Decoded in the page (no PNG library).
 */
export async function fingerprint(
  page: Page,
  selector: string,
  cells = 24,
): Promise<{ grid: number[]; colors: number }> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(
    async ({ b64, cells }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${b64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(image, 0, 0);
      const { data, width, height } = g.getImageData(0, 0, image.width, image.height);
      const grid: number[] = [];
      const colors = new Set<number>();
      for (let cy = 0; cy < cells; cy++) {
        for (let cx = 0; cx < cells; cx++) {
          let sum = 0;
          let n = 0;
          for (let y = Math.floor((cy * height) / cells); y < Math.floor(((cy + 1) * height) / cells); y += 2) {
            for (let x = Math.floor((cx * width) / cells); x < Math.floor(((cx + 1) * width) / cells); x += 2) {
              const i = 4 * (y * width + x);
              sum += data[i]! + data[i + 1]! + data[i + 2]!;
              colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
              n++;
            }
          }
          grid.push(n ? sum / n / 3 : 0);
        }
      }
      return { grid, colors: colors.size };
    },
    { b64: png.toString('base64'), cells },
  );
}

/** Mean absolute difference of two fingerprints' cells (0..255). */
export function difference(a: { grid: number[] }, b: { grid: number[] }): number {
  return a.grid.reduce((s, v, i) => s + Math.abs(v - b.grid[i]!), 0) / a.grid.length;
}
