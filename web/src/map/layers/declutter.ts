/**
 * Which labels to draw so that none covers another: one greedy pass in the order given (the
 * caller puts the most important first), each label's box estimated in screen pixels at the
 * map's zoom (Web Mercator with 512-pixel tiles, as MapLibre draws it; a CJK glyph is a square
 * one font size wide). Pure.
 */

export interface Labelled {
  name: string;
  label: readonly [number, number];
}

/** Room kept around each label, in font sizes: its outline and a little air. */
const PADDING_EM = 0.25;

/** Where a point lies on the Web Mercator world at this zoom, in pixels from the top left. */
export function worldPixel([lon, lat]: readonly [number, number], zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const phi = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return [((lon + 180) / 360) * size, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * size];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boxOf(item: Labelled, zoom: number, sizePx: number): Box {
  const [x, y] = worldPixel(item.label, zoom);
  const halfWidth = ([...item.name].length * sizePx) / 2 + PADDING_EM * sizePx;
  const halfHeight = sizePx * (0.5 + PADDING_EM);
  return { x0: x - halfWidth, y0: y - halfHeight, x1: x + halfWidth, y1: y + halfHeight };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The items whose labels fit, in the order given: each is kept unless its box overlaps the box
 * of one kept before it. `sizePx` is each label's font size in screen pixels.
 */
export function declutter<T extends Labelled>(items: readonly T[], zoom: number, sizePx: (item: T) => number): T[] {
  const kept: T[] = [];
  // Kept boxes by grid cell, so each label is checked against its neighbours only.
  const cellSize = 256;
  const cells = new Map<string, Box[]>();
  const cellsOf = (box: Box) => {
    const keys: string[] = [];
    for (let cx = Math.floor(box.x0 / cellSize); cx <= Math.floor(box.x1 / cellSize); cx++)
      for (let cy = Math.floor(box.y0 / cellSize); cy <= Math.floor(box.y1 / cellSize); cy++) keys.push(`${cx}:${cy}`);
    return keys;
  };
  for (const item of items) {
    const box = boxOf(item, zoom, sizePx(item));
    const keys = cellsOf(box);
    if (keys.some((key) => cells.get(key)?.some((other) => overlaps(box, other)))) continue;
    kept.push(item);
    for (const key of keys) {
      const list = cells.get(key);
      if (list) list.push(box);
      else cells.set(key, [box]);
    }
  }
  return kept;
}
