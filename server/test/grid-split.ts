/**
 * A real split for tests that need a committed grid change: the village's biggest grid cut in
 * two by a north–south line through its middle, as a planner would draw it.
 */

export const GRID_PLANNING_BASE = `query ($v: ID!) { gridPlanningBase(villageCode: $v) {
  grids { grid { code } geometry areaSquareMeters } baseVersions { code version } } }`;
const SPLIT = 'query ($p: GeoJSON!, $l: GeoJSON!) { splitGridGeometry(polygon: $p, line: $l) }';
export const COMMIT_GRID_CHANGE = `mutation ($input: GridChangeInput!, $expected: [GridVersionInput!]!, $from: DateTime, $reason: String!) {
  commitGridChange(input: $input, expectedVersions: $expected, effectiveFrom: $from, reason: $reason, confirmWarnings: true) { id } }`;

/** Runs a query as a planner and gives its `data` (throwing on errors). */
export type PlannerQuery = (query: string, variables: Record<string, unknown>) => Promise<any>;

export interface SplitProposal {
  /** The village's grids after the split: the cut grid keeps its code, the new piece has none. */
  grids: { code: string | null; geometry: unknown }[];
  baseVersions: { code: string; version: number }[];
  /** The grid that was cut. */
  splitCode: string;
}

/** The village's grids with its biggest one split in two. */
export async function splitBiggestGrid(query: PlannerQuery, villageCode: string): Promise<SplitProposal> {
  const base = (await query(GRID_PLANNING_BASE, { v: villageCode })).gridPlanningBase;
  const biggest = [...base.grids].sort((x: any, y: any) => y.areaSquareMeters - x.areaSquareMeters)[0];
  const xs = biggest.geometry.coordinates[0].map((p: number[]) => p[0]);
  const ys = biggest.geometry.coordinates[0].map((p: number[]) => p[1]);
  const midX = (Math.min(...xs) + Math.max(...xs)) / 2;
  const line = {
    type: 'LineString',
    coordinates: [
      [midX, Math.min(...ys) - 0.01],
      [midX, Math.max(...ys) + 0.01],
    ],
  };
  const [kept, ...rest] = (await query(SPLIT, { p: biggest.geometry, l: line })).splitGridGeometry;
  const grids = base.grids.map((g: any) => ({
    code: g.grid.code as string | null,
    geometry: g.grid.code === biggest.grid.code ? kept : g.geometry,
  }));
  for (const piece of rest) grids.push({ code: null, geometry: piece });
  return { grids, baseVersions: base.baseVersions, splitCode: biggest.grid.code };
}
