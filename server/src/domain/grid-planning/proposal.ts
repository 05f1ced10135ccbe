/**
 * A proposed partition of a village as the browser sends it, checked for shape and normalised
 * before any geometry engine sees it: well-formed GeoJSON, one part, no more vertices than a grid
 * needs, consecutive duplicate vertices dropped, RFC 7946 winding (outer ring counter-clockwise).
 * Duplicate vertices and winding are harmless and fixed quietly; what cannot be fixed becomes an
 * issue naming the grid. Pure.
 */
import { geometryProblem } from '../geojson-checks.js';
import { textProblem } from '../text-safety.js';
import { gridNumber, issue, type GridIssue } from './rules.js';

export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}

export interface GridPlanInput {
  code?: string | null;
  geometry: unknown;
  name?: string | null;
  kind?: string | null;
  households?: number | null;
  population?: number | null;
}

export interface PlannedGrid {
  index: number;
  code: string | null;
  geometry: PolygonGeometry;
  name: string | null;
  kind: 'comprehensive' | 'dedicated' | null;
  households: number | null;
  population: number | null;
}

export const MAX_GRIDS_PER_VILLAGE = 200;
export const MAX_VERTICES_PER_GRID = 5_000;

/** Twice the signed area in degrees² (shoelace): positive for a counter-clockwise ring. */
export function ringSignedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

/** The ring without consecutive repeated positions, still closed. */
export function dropRepeatedPositions(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  return out;
}

/** Outer ring counter-clockwise, holes clockwise, repeats dropped (RFC 7946 §3.1.6). */
export function normalisePolygon(coordinates: readonly (readonly Position[])[]): PolygonGeometry {
  const rings = coordinates.map((ring, i) => {
    const clean = dropRepeatedPositions(ring);
    const ccw = ringSignedArea(clean) > 0;
    return (i === 0) === ccw ? clean : clean.reverse();
  });
  return { type: 'Polygon', coordinates: rings };
}

function onePolygon(geometry: unknown, index: number): { polygon: PolygonGeometry } | { problem: GridIssue } {
  const n = gridNumber(index);
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  let coordinates: unknown = g?.coordinates;
  if (g && g.type === 'MultiPolygon') {
    const problem = geometryProblem(g, 'MultiPolygon');
    if (problem) return { problem: issue('MALFORMED_GEOMETRY', `grid ${n}: ${problem}`, { gridIndex: index }) };
    const parts = coordinates as unknown[];
    if (parts.length > 1) {
      return {
        problem: issue(
          'MULTIPART',
          `grid ${n} has ${parts.length} separate parts; a grid is one polygon`,
          { gridIndex: index, location: (parts[1] as Position[][])[0]![0]!, value: parts.length },
          { parts: parts.length },
        ),
      };
    }
    coordinates = parts[0];
  } else {
    const problem = geometryProblem(g, 'Polygon');
    if (problem) return { problem: issue('MALFORMED_GEOMETRY', `grid ${n}: ${problem}`, { gridIndex: index }) };
  }
  const rings = coordinates as Position[][];
  const vertices = rings.reduce((n, r) => n + r.length, 0);
  if (vertices > MAX_VERTICES_PER_GRID) {
    return {
      problem: issue(
        'TOO_MANY_VERTICES',
        `grid ${n} has ${vertices} vertices; at most ${MAX_VERTICES_PER_GRID}`,
        { gridIndex: index, value: vertices },
        { vertices, max: MAX_VERTICES_PER_GRID },
      ),
    };
  }
  const polygon = normalisePolygon(rings);
  const short = polygon.coordinates.findIndex((r) => r.length < 4);
  if (short >= 0) {
    return {
      problem: issue(
        'INVALID_GEOMETRY',
        `grid ${n}: ring ${short + 1} collapses to fewer than 3 distinct vertices`,
        { gridIndex: index, location: polygon.coordinates[short]![0] ?? null },
        { problem: 'collapsed_ring', ring: short + 1 },
      ),
    };
  }
  return { polygon };
}

const isCount = (v: unknown) => v === null || v === undefined || (Number.isInteger(v) && (v as number) >= 0);

/**
 * Shape checks of every grid of a proposal; `planned` holds the grids that passed, in input
 * order (a grid that failed is left out and named by an issue).
 */
export function parseProposal(grids: readonly GridPlanInput[]): { planned: PlannedGrid[]; issues: GridIssue[] } {
  const issues: GridIssue[] = [];
  const planned: PlannedGrid[] = [];
  if (grids.length === 0) issues.push(issue('NO_GRIDS', 'a village needs at least one grid', {}, { problem: 'none' }));
  if (grids.length > MAX_GRIDS_PER_VILLAGE) {
    issues.push(
      issue(
        'NO_GRIDS',
        `at most ${MAX_GRIDS_PER_VILLAGE} grids per village, got ${grids.length}`,
        {},
        {
          problem: 'too_many',
          count: grids.length,
          max: MAX_GRIDS_PER_VILLAGE,
        },
      ),
    );
    return { planned, issues };
  }
  const seen = new Map<string, number>();
  grids.forEach((g, index) => {
    if (g.code !== null && g.code !== undefined) {
      const first = seen.get(g.code);
      if (first !== undefined) {
        issues.push(
          issue(
            'DUPLICATE_CODE',
            `grids ${gridNumber(first)} and ${gridNumber(index)} both claim code ${g.code}; a split makes one of them new`,
            { gridIndex: index, otherGridIndex: first },
            { gridCode: g.code },
          ),
        );
      } else seen.set(g.code, index);
    }
    if (!isCount(g.households) || !isCount(g.population)) {
      issues.push(
        issue(
          'BAD_ATTRIBUTE',
          `grid ${gridNumber(index)}: households and population must be whole numbers ≥ 0`,
          { gridIndex: index },
          { problem: 'counts' },
        ),
      );
    }
    if (g.name !== null && g.name !== undefined && (g.name.trim() === '' || g.name.length > 100)) {
      issues.push(
        issue(
          'BAD_ATTRIBUTE',
          `grid ${gridNumber(index)}: a name must have 1 to 100 characters`,
          { gridIndex: index },
          { problem: 'name_length', max: 100 },
        ),
      );
    }
    const nameProblem = typeof g.name === 'string' ? textProblem(g.name.trim()) : null;
    if (nameProblem) {
      issues.push(
        issue(
          'BAD_ATTRIBUTE',
          `grid ${gridNumber(index)}: the name ${nameProblem}`,
          { gridIndex: index },
          { problem: 'name_text' },
        ),
      );
    }
    const shape = onePolygon(g.geometry, index);
    if ('problem' in shape) {
      issues.push(shape.problem);
      return;
    }
    planned.push({
      index,
      code: g.code ?? null,
      geometry: shape.polygon,
      name: g.name?.trim() || null,
      kind: g.kind === 'comprehensive' || g.kind === 'dedicated' ? g.kind : null,
      households: g.households ?? null,
      population: g.population ?? null,
    });
  });
  return { planned, issues };
}

export type GridChangeKind = 'reshape' | 'split' | 'merge' | 'mixed' | 'revert';

/** The kind of change from the codes before and after (a revert is named by its caller). */
export function classifyChange(newCodes: number, retiredCodes: number): Exclude<GridChangeKind, 'revert'> {
  if (newCodes === 0 && retiredCodes === 0) return 'reshape';
  if (retiredCodes === 0) return 'split';
  if (newCodes === 0) return 'merge';
  return 'mixed';
}

/** Codes the proposal names that are not current grids of the village. */
export function unknownCodeIssues(planned: readonly PlannedGrid[], currentCodes: ReadonlySet<string>): GridIssue[] {
  return planned
    .filter((g) => g.code !== null && !currentCodes.has(g.code))
    .map((g) =>
      issue(
        'UNKNOWN_CODE',
        `grid ${gridNumber(g.index)}: ${g.code} is not a current grid of this village; leave code empty for a new grid`,
        { gridIndex: g.index },
        { gridCode: g.code! },
      ),
    );
}
