/**
 * Grids of a township for the choropleth: outlines read once (paged, 100 per page) and kept
 * until a grid change of one of its villages, case counts read for the current time window
 * each time.
 */
import type { GridArea } from '../map/use-grids.js';
import type { ApiClient } from '../api/client.js';
import { GRID_COUNTS, TOWNSHIP_GRIDS, type GridNode } from './queries.js';

interface GridPage {
  grids: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: GridNode }[] };
}

/** Outlines kept per township; a city has 167, a wall looks at a handful at a time. */
const MAX_TOWNSHIPS_KEPT = 40;

/** The township a village (or any lower unit) lies in: its first nine digits. */
export const townshipOf = (code: string): string => `${code.slice(0, 9)}000`;

export interface GridLoader {
  load: (township: string, range: { from: Date; to: Date }) => Promise<GridArea[]>;
  /** Drops the kept outlines of the village's township: its grids changed. */
  forgetVillage: (villageCode: string) => void;
}

export function gridLoader(api: ApiClient): GridLoader {
  const outlines = new Map<string, Promise<GridNode[]>>();
  const readOutlines = async (township: string) => {
    const nodes: GridNode[] = [];
    let after: string | null = null;
    do {
      const page: GridPage = await api.query<GridPage>(TOWNSHIP_GRIDS, { area: { unitCode: township }, after });
      nodes.push(...page.grids.edges.map((e) => e.node));
      after = page.grids.pageInfo.hasNextPage ? page.grids.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  };
  const load = async (township: string, range: { from: Date; to: Date }): Promise<GridArea[]> => {
    let nodes = outlines.get(township);
    if (!nodes) {
      nodes = readOutlines(township);
      nodes.catch(() => outlines.delete(township));
      outlines.set(township, nodes);
      if (outlines.size > MAX_TOWNSHIPS_KEPT) outlines.delete(outlines.keys().next().value!);
    }
    const [grids, counts] = await Promise.all([
      nodes,
      api.query<{ caseStats: { key: string; count: number }[] }>(GRID_COUNTS, {
        area: { unitCode: township },
        from: range.from.toISOString(),
        to: range.to.toISOString(),
      }),
    ]);
    const byCode = new Map(counts.caseStats.map((b) => [b.key, b.count]));
    return grids.map((g) => ({
      feature: { type: 'Feature', properties: { code: g.code, name: g.name }, geometry: g.geometry },
      households: g.households,
      count: byCode.get(g.code) ?? 0,
    }));
  };
  return { load, forgetVillage: (villageCode) => void outlines.delete(townshipOf(villageCode)) };
}
