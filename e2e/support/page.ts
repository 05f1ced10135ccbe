/** Waiting on the wall in a page: the map ready and drawn, rendering settled, text measured. */
import type { Page } from 'playwright-core';

export const READY_TIMEOUT_MS = 150_000;

/** Until the map has its style and every feed, and has drawn at least once. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('[data-map-state=ready][data-frames]', { timeout: READY_TIMEOUT_MS });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await settle(page);
}

/**
 * Until deck.gl has stopped drawing (its frame counter still for `quietMs`), after at least
 * `minMs`: a toggled layer may first compile shaders, which takes a while in software.
 */
export async function settle(
  page: Page,
  { minMs = 400, quietMs = 900, maxMs = 60_000, map = '[data-testid=wall-map]' } = {},
): Promise<void> {
  const frames = () => page.locator(map).getAttribute('data-frames');
  await page.waitForTimeout(minMs);
  const until = Date.now() + maxMs;
  let last = await frames();
  let stillSince = Date.now();
  while (Date.now() < until) {
    await page.waitForTimeout(150);
    const now = await frames();
    if (now !== last) {
      last = now;
      stillSince = Date.now();
    } else if (Date.now() - stillSince >= quietMs) {
      return;
    }
  }
}

/** The smallest font size of any visible text on the page, and where it is. */
export function smallestText(page: Page): Promise<{ px: number; where: string }> {
  return page.evaluate(() => {
    let smallest = { px: Infinity, where: '' };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < smallest.px)
        smallest = {
          px,
          where: `${el.tagName}.${el.getAttribute('class') ?? ''}: ${node.textContent.trim().slice(0, 20)}`,
        };
    }
    return smallest;
  });
}

/** Whether the page or anything in it can scroll (a wall must not). */
export function scrollable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) out.push('document');
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      const scrolls = /(auto|scroll)/.test(style.overflowX + style.overflowY);
      if (scrolls && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        out.push(`${el.tagName}.${el.className}`);
      }
    }
    return out;
  });
}

/**
 * Text inside `selector` that is cut off: each text whose box reaches past an enclosing element
 * that clips (overflow other than visible), up to the selected element — partly in, partly out.
 * Text shortened with an ellipsis is checked only for being cut at its top or bottom, and text
 * wholly out of sight is left out.
 */
export function clippedText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    const root = document.querySelector(selector);
    if (!root) return [`nothing matches ${selector}`];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent?.trim() || !node.parentElement) continue;
      // Text shortened with an ellipsis may end early, but not lose its lower half.
      const ellipsis = getComputedStyle(node.parentElement).textOverflow === 'ellipsis';
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = range.getBoundingClientRect();
      if (text.width === 0) continue;
      for (let el: Element | null = node.parentElement; el; el = el === root ? null : el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = el.getBoundingClientRect();
        // Wholly outside (a list's rows that did not fit, moved out of sight) is not cut off.
        const outside =
          text.right <= box.left || text.left >= box.right || text.bottom <= box.top || text.top >= box.bottom;
        if (outside) break;
        // The shortening element's own line box may be tighter than the glyphs: its parents tell.
        if (ellipsis && el === node.parentElement) continue;
        const sideways = !ellipsis && (text.left < box.left - 1 || text.right > box.right + 1);
        if (sideways || text.top < box.top - 1 || text.bottom > box.bottom + 1) {
          out.push(`"${node.textContent.trim()}" cut off by ${el.tagName}.${el.getAttribute('class') ?? ''}`);
          break;
        }
      }
    }
    return out;
  }, selector);
}

/** Pairs of elements matching `selector` whose boxes overlap (one drawn over the other). */
export function overlapping(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const boxes = [...document.querySelectorAll<HTMLElement>(selector)].map((el) => ({
      name: `${el.tagName}.${el.className}[${el.dataset.testid ?? el.querySelector('h2')?.textContent ?? ''}]`,
      r: el.getBoundingClientRect(),
    }));
    const out: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (x > 1 && y > 1) out.push(`${a.name} overlaps ${b.name}`);
      }),
    );
    return out;
  }, selector);
}

/** Elements matching `selector` whose content does not fit their own box (it wraps or spills out). */
export function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll<HTMLElement>(selector)]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map((el) => `"${el.textContent?.trim()}" overflows its ${el.tagName}.${el.className}`),
    selector,
  );
}

/**
 * Page position of a map coordinate: pages opened with `?e2e` expose their map's projection as
 * `window.__planMap` or `window.__wallMap` (web/src/map/use-browser-test-handle.ts).
 */
export function screenOf(page: Page, map: '__planMap' | '__wallMap' | '__reviewMap', [lng, lat]: readonly number[]) {
  return page.evaluate(([map, x, y]) => (window as any)[map].project(x, y) as { x: number; y: number }, [
    map,
    lng!,
    lat!,
  ] as const);
}

/**
 * How much of the map frame `bbox` spans (the larger of its width and height shares), and
 * whether it lies inside the frame with at least `margin` pixels to spare on every side.
 */
export async function spanOf(
  page: Page,
  handle: '__wallMap' | '__planMap' | '__reviewMap',
  frame: string,
  bbox: number[],
  margin = -1,
) {
  const sw = await screenOf(page, handle, [bbox[0]!, bbox[1]!]);
  const ne = await screenOf(page, handle, [bbox[2]!, bbox[3]!]);
  const box = (await page.locator(frame).boundingBox())!;
  return {
    share: Math.max((ne.x - sw.x) / box.width, (sw.y - ne.y) / box.height),
    inside:
      sw.x >= box.x + margin &&
      ne.x <= box.x + box.width - margin &&
      ne.y >= box.y + margin &&
      sw.y <= box.y + box.height - margin,
  };
}
