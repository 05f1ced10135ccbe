/** Pointing at things the wall's map draws: hovering until its tooltip stands there. */
import type { Page } from 'playwright-core';
import { screenOf } from './page.js';

const MAP = '[data-testid=wall-map]';

/**
 * Whether the hover tooltip shows what is under the pointer at (x, y) in the map: 'here' once
 * it stands at that point (within the pixel rounding of mouse events); 'stale' when it stood
 * elsewhere (deck.gl picks on its next frame) and did not come within 2 s; 'none' without one.
 */
export async function tooltipAt(page: Page, x: number, y: number): Promise<'here' | 'stale' | 'none'> {
  let seen: 'stale' | 'none' = 'none';
  for (let tries = 0; tries < 20; tries++) {
    // One evaluation: the tooltip may go between two calls, and a locator would wait for it.
    const at = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[role=tooltip]');
      return el ? [parseFloat(el.style.left), parseFloat(el.style.top)] : null;
    });
    if (!at) return seen;
    if (Math.abs(at[0]! - x) <= 3 && Math.abs(at[1]! - y) <= 3) return 'here';
    seen = 'stale';
    await page.waitForTimeout(100);
  }
  return seen;
}

/**
 * Puts the pointer on each of `places` ([lon, lat]) that the map itself shows (not a panel or the
 * legend over it) until a tooltip stands there; where, in page pixels (null: at none of them).
 * The page must be opened with `?e2e` (the map's projection).
 */
export async function hoverOneOf(page: Page, places: number[][]): Promise<{ x: number; y: number } | null> {
  const box = (await page.locator(MAP).boundingBox())!;
  for (const place of places) {
    const at = await screenOf(page, '__wallMap', place);
    const onMap = await page.evaluate(({ x, y, map }) => !!document.elementFromPoint(x, y)?.closest(map), {
      ...at,
      map: MAP,
    });
    if (!onMap) continue;
    await page.mouse.move(at.x, at.y);
    if ((await tooltipAt(page, at.x - box.x, at.y - box.y)) === 'here') return at;
  }
  return null;
}
