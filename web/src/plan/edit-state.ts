/**
 * The planner's working copy of one village: its grids as closed outer rings, what each is
 * (an existing code, or new), and the household figure the browser mirror uses. Every edit
 * returns a new state (the undo history keeps them). The server judges the partition again and
 * estimates households itself; the figures here only feed the instant check. Pure.
 */
import * as turf from '@turf/turf';
import type { MirrorGrid } from '../../../server/src/domain/grid-planning/mirror.js';
import { redrawPartition } from './redraw.js';
import { applyRingEdit, nodeRings, onlyNoded, roundRing } from './topology.js';
import { type Position, type Ring } from '../geometry/positions.js';

export interface PlanGrid {
  /** Stable identity while editing (the map feature id); not sent to the server. */
  key: string;
  /** The current grid code it keeps; null for a new grid. */
  code: string | null;
  name: string | null;
  ring: Ring;
  /** Holes as read (never edited; grids seldom have any). */
  holes: Ring[];
  /** Estimated households, for the browser's check only. */
  households: number;
  /** The ring as read from the server, while the grid keeps its code; null once split or merged. */
  original: Ring | null;
}

export interface PlanState {
  grids: readonly PlanGrid[];
  /** The next key for a new grid. */
  nextKey: number;
}

export interface BaseGrid {
  grid: { code: string; name: string; households: number };
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}

const ringArea = (ring: Ring, holes: Ring[] = []): number => turf.area(turf.polygon([ring, ...holes]));

/** Rings shared edges noded, so dragging a boundary vertex moves every grid meeting there. */
function noded(grids: PlanGrid[]): PlanGrid[] {
  const rings = nodeRings(grids.map((g) => g.ring));
  return grids.map((g, i) => (rings[i] === g.ring ? g : { ...g, ring: rings[i]! }));
}

export function stateFromBase(grids: readonly BaseGrid[]): PlanState {
  const planned = grids.map((g, i) => {
    const [outer, ...holes] = g.geometry.coordinates;
    return {
      key: `g${i}`,
      code: g.grid.code,
      name: g.grid.name,
      ring: roundRing(outer!),
      holes: holes.map((h) => roundRing(h)),
      households: g.grid.households,
      original: roundRing(outer!),
    };
  });
  return { grids: noded(planned), nextKey: planned.length };
}

export const polygonOf = (g: PlanGrid) => ({ type: 'Polygon' as const, coordinates: [g.ring, ...g.holes] });

/** The proposal the server judges: every grid, households left for the server to estimate. */
export function changeInput(villageCode: string, state: PlanState) {
  return {
    villageCode,
    grids: state.grids.map((g) => ({
      code: g.code,
      // A neighbour that only gained vertices on its own edges (noding) goes as it was read, so the
      // server sees it unchanged and keeps its version.
      geometry:
        g.original && onlyNoded(g.original, g.ring)
          ? { ...polygonOf(g), coordinates: [g.original, ...g.holes] }
          : polygonOf(g),
    })),
  };
}

export const mirrorGrids = (state: PlanState): MirrorGrid[] =>
  state.grids.map((g) => ({ coordinates: [g.ring, ...g.holes], households: g.households }));

/**
 * The state after terra-draw changed one grid's ring by one vertex step, with the neighbours
 * sharing that vertex or edge moved too; the state as it was when the step is not one the
 * planner offers.
 */
export function editRing(state: PlanState, key: string, ring: Ring): PlanState {
  const index = state.grids.findIndex((g) => g.key === key);
  if (index < 0) return state;
  const rings = applyRingEdit(
    state.grids.map((g) => g.ring),
    index,
    roundRing(ring),
  );
  if (!rings) return state;
  return { ...state, grids: state.grids.map((g, i) => (rings[i] === g.ring ? g : { ...g, ring: rings[i]! })) };
}

/**
 * The state after grid `key` was cut into `pieces` (largest first, as the server answers): the
 * largest keeps the code, the others are new grids; households shared by area.
 */
export function splitGrid(state: PlanState, key: string, pieces: readonly { coordinates: Position[][] }[]): PlanState {
  const index = state.grids.findIndex((g) => g.key === key);
  const parent = state.grids[index];
  if (!parent || pieces.length < 2) return state;
  const areas = pieces.map((p) => ringArea(p.coordinates[0]!, p.coordinates.slice(1)));
  const total = areas.reduce((s, a) => s + a, 0) || 1;
  let nextKey = state.nextKey;
  const made: PlanGrid[] = pieces.map((p, i) => ({
    key: i === 0 ? parent.key : `g${nextKey++}`,
    code: i === 0 ? parent.code : null,
    name: i === 0 ? parent.name : null,
    ring: roundRing(p.coordinates[0]!),
    holes: p.coordinates.slice(1).map((h) => roundRing(h)),
    households: Math.round((parent.households * areas[i]!) / total),
    original: null,
  }));
  const grids = [...state.grids.slice(0, index), made[0]!, ...state.grids.slice(index + 1), ...made.slice(1)];
  return { grids: noded(grids), nextKey };
}

/**
 * The state after the grids `keys` became one polygon: the largest of them keeps its code
 * (the others' codes are retired), households summed.
 */
export function mergeGrids(
  state: PlanState,
  keys: readonly string[],
  merged: { coordinates: Position[][] },
): PlanState {
  const parts = state.grids.filter((g) => keys.includes(g.key));
  if (parts.length < 2) return state;
  const keeper = parts.reduce((best, g) => (ringArea(g.ring, g.holes) > ringArea(best.ring, best.holes) ? g : best));
  const result: PlanGrid = {
    ...keeper,
    ring: roundRing(merged.coordinates[0]!),
    holes: merged.coordinates.slice(1).map((h) => roundRing(h)),
    households: parts.reduce((s, g) => s + g.households, 0),
    original: null,
  };
  const grids = state.grids.flatMap((g) => (g.key === keeper.key ? [result] : keys.includes(g.key) ? [] : [g]));
  return { grids: noded(grids), nextKey: state.nextKey };
}

/** The grid whose interior holds the position, if any. */
export function gridAt(state: PlanState, at: Position): PlanGrid | null {
  const point = turf.point(at);
  return state.grids.find((g) => turf.booleanPointInPolygon(point, turf.polygon([g.ring, ...g.holes]))) ?? null;
}

/**
 * The grid a cutting line runs through the most (by samples along it), or null: the grid to
 * split. Its ends lie outside that grid, so its middle may not lie inside it (an L-shaped grid).
 */
export function gridCrossed(state: PlanState, line: readonly Position[], samples = 64): PlanGrid | null {
  const lineString = turf.lineString(line as Position[]);
  const length = turf.length(lineString);
  const hits = new Map<string, number>();
  for (let i = 1; i < samples; i++) {
    const at = turf.along(lineString, (length * i) / samples).geometry.coordinates as Position;
    const g = gridAt(state, at);
    if (g) hits.set(g.key, (hits.get(g.key) ?? 0) + 1);
  }
  const best = [...hits].sort((a, b) => b[1] - a[1])[0];
  return best ? state.grids.find((g) => g.key === best[0])! : null;
}

/**
 * The state after grid `key` was redrawn as `drawn`, its neighbours giving or taking the area
 * (redraw.ts); grids covered entirely are retired into it. Households move with the area, at each
 * old grid's density. Throws the redraw's error code (REDRAW_…) when the outline is refused.
 */
export function redrawGrid(
  state: PlanState,
  key: string,
  drawn: readonly Position[],
  village: { type: 'Polygon' | 'MultiPolygon'; coordinates: any },
): PlanState {
  const index = state.grids.findIndex((g) => g.key === key);
  if (index < 0) return state;
  const polygons = state.grids.map((g) => [g.ring, ...g.holes]);
  const outcome = redrawPartition(village, polygons, index, drawn);
  if (!outcome.ok) throw new Error(outcome.code);
  const density = state.grids.map((g) => g.households / (ringArea(g.ring, g.holes) || 1));
  const householdsIn = (p: Position[][]) =>
    Math.round(
      polygons.reduce((sum, old, j) => {
        const common = turf.intersect(turf.featureCollection([turf.polygon(p), turf.polygon(old)]));
        return sum + (common ? turf.area(common) * density[j]! : 0);
      }, 0),
    );
  const grids = state.grids.flatMap((g, i): PlanGrid[] => {
    const p = outcome.grids[i];
    if (!p) return [];
    if (p === polygons[i] || (i !== index && sameRings(p, polygons[i]!))) return [g];
    return [{ ...g, ring: roundRing(p[0]!), holes: p.slice(1).map((h) => roundRing(h)), households: householdsIn(p) }];
  });
  return { grids: noded(grids), nextKey: state.nextKey };
}

const sameRings = (a: Position[][], b: Position[][]) =>
  a.length === b.length &&
  a.every((r, i) => r.length === b[i]!.length && r.every((p, j) => p[0] === b[i]![j]![0] && p[1] === b[i]![j]![1]));
