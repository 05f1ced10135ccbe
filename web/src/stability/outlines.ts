/**
 * Outlines for the index maps, read through GraphQL and kept: the units one level below a unit
 * (simplified for the scale they are seen at), and grids by village or township (paged).
 */
import type { AreaFeature } from '../map/layers/choropleth.js';
import { levelOf, type ReviewLevel } from './drill.js';
import { CHILD_UNITS, GRID_OUTLINES, type HotspotCell } from './queries.js';

type Query = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

interface Node {
  code: string;
  name: string;
  geometry: AreaFeature['geometry'];
}
interface GridPage {
  grids: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };
}

/** Metres of simplification for the children of a unit at each level (about a pixel at the zoom that fits it). */
const SIMPLIFY: Record<ReviewLevel, number> = { city: 150, county: 40, township: 10, village: 3, grid: 3 };

const toFeature = (n: Node): AreaFeature => ({
  type: 'Feature',
  properties: { code: n.code, name: n.name },
  geometry: n.geometry,
});

const KEEP = 60;

export function outlineLoader(query: Query) {
  const cache = new Map<string, Promise<AreaFeature[]>>();
  const remember = (key: string, load: () => Promise<AreaFeature[]>) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
      if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
    }
    return hit;
  };
  const grids = (area: string) =>
    remember(`grids:${area}`, async () => {
      const out: AreaFeature[] = [];
      let after: string | null = null;
      do {
        const page: GridPage = await query<GridPage>(GRID_OUTLINES, { area: { unitCode: area }, after });
        out.push(...page.grids.edges.map((e) => toFeature(e.node)));
        after = page.grids.pageInfo.hasNextPage ? page.grids.pageInfo.endCursor : null;
      } while (after);
      return out;
    });
  const children = (unit: string): Promise<AreaFeature[]> => {
    const level = levelOf(unit);
    if (level === 'grid') return Promise.resolve([]);
    if (level === 'village') return grids(unit);
    return remember(`children:${unit}`, async () => {
      const answer = await query<{ adminUnits: Node[] }>(CHILD_UNITS, { parent: unit, simplify: SIMPLIFY[level] });
      return answer.adminUnits.map(toFeature);
    });
  };
  /** Drops every kept grid outline: a grid change may have redrawn any of them. */
  const forgetGrids = () => {
    for (const key of [...cache.keys()]) if (key.startsWith('grids:')) cache.delete(key);
  };
  return { children, grids, forgetGrids };
}

export type OutlineLoader = ReturnType<typeof outlineLoader>;

/** At most this many townships' grid outlines are read for the hot-spot layer of one view. */
export const MAX_HOTSPOT_TOWNSHIPS = 16;

/** The townships whose grids hold the most significant cells, most first (pure). */
export function hotspotTownships(cells: readonly HotspotCell[], max = MAX_HOTSPOT_TOWNSHIPS): string[] {
  const counts = new Map<string, number>();
  for (const c of cells) {
    if (c.bin === 0) continue;
    const township = `${c.gridCode.slice(0, 9)}000`;
    counts.set(township, (counts.get(township) ?? 0) + Math.abs(c.bin));
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([code]) => code);
}
