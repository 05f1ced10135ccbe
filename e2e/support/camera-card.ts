/**
 * Opening a camera's detail card by clicking the camera on a screen's map, and reading what its
 * player has shown: the steps every camera video test shares.
 */
import type { Page } from 'playwright-core';
import { hoverOneOf } from './hover.js';
import { settle } from './page.js';
import type { WallServer } from './server.js';

export const CARD = '[data-testid=detail-card]';
export const PLAYER = '[data-testid=camera-video]';

/** Online cameras of `unit` with their positions, as the wall's account sees them. */
export async function onlineCameras(server: WallServer, unit: string): Promise<number[][]> {
  const { cameras } = await server.gql<{
    cameras: { edges: { node: { location: { coordinates: number[] } } }[] };
  }>(
    'query ($u: ID) { cameras(area: { unitCode: $u }, status: [online], first: 80) { edges { node { location } } } }',
    {
      u: unit,
    },
  );
  return cameras.edges.map((e) => e.node.location.coordinates);
}

/**
 * Switches the named layers off (so that the pointer finds only cameras), clicks one of the
 * online cameras of `unit`, and waits until its card has found it. Returns the camera's id
 * once its player plays.
 */
export async function clickCamera(page: Page, server: WallServer, unit: string, layersOff: string[]): Promise<string> {
  for (const layer of layersOff) await page.click(`[data-testid=toggle-${layer}]`);
  await settle(page);
  const found = await hoverOneOf(page, await onlineCameras(server, unit));
  if (!found) throw new Error(`no tooltip over any online camera of ${unit}`);
  await page.mouse.click(found.x, found.y);
  await page.waitForSelector(`${CARD}[data-state=found]`, { timeout: 20_000 });
  await page.waitForSelector(`${PLAYER}[data-state=playing]`, { timeout: 30_000 });
  return (await page.getAttribute(PLAYER, 'data-camera'))!;
}

/** What the card's <video> has shown so far: decoded frames and the playhead. */
export const playback = (page: Page, within = PLAYER) =>
  page.$eval(`${within} video`, (v) => {
    const video = v as HTMLVideoElement;
    return { frames: video.getVideoPlaybackQuality().totalVideoFrames, time: video.currentTime };
  });

/** The card's playback now and `waitMs` later, to see that frames are decoded and the playhead moves. */
export async function playbackOver(page: Page, waitMs = 2_500) {
  const first = await playback(page);
  await page.waitForTimeout(waitMs);
  return { first, later: await playback(page) };
}
