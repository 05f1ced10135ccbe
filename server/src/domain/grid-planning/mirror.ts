/**
 * The browser's instant feedback: the same planning rules as the server (rules.ts), measured with
 * turf instead of PostGIS, for each drag step. Advisory only; the server judges again at commit.
 * Imports nothing but turf and pure domain code, so the web app can import it as it is.
 * Areas are turf's spherical areas, close to PostGIS geography areas (well inside the tolerances).
 *
 * Speed (a drag step must fit in one frame): turf's overlay (polyclip-ts) is slow on whole grids,
 * so it runs only where the cheap planar predicates of planar.ts cannot prove there
 * is nothing to measure, only on its inputs clipped to a box that holds the whole answer (cheap
 * Sutherland–Hodgman clipping, seams.ts), and its results are cached by boundary: a drag step
 * changes one or two grids, so only their overlays can run again. The gap follows from the areas
 * (in a local affine projection, in which areas add up exactly along shared edges):
 * gap ≥ village − Σ(grid − outside) and gap ≤ that + Σ overlaps. Only when that bound exceeds the
 * tolerance is the gap cut out exactly (to measure it and to point into it), and then only in the
 * boxes of the boundaries that do not pair up (open seams), where every piece of a gap lies.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  boxesMeet,
  certainlyDisjoint,
  certainlyWithin,
  ringsAreaDegrees,
  ringsBox,
  squareMetersPerSquareDegree,
  type Rings,
} from './planar.js';
import { normalisePolygon, type Position } from './proposal.js';
import { clipRings, openSeamBoxes } from './seams.js';
import {
  gridNumber,
  issue,
  judgePartition,
  sortIssues,
  type GridIssue,
  type PartitionMeasure,
  type PlanningSettings,
} from './rules.js';

export interface MirrorGrid {
  coordinates: Position[][];
  households: number;
}

export interface MirrorResult {
  issues: GridIssue[];
  /** Per grid: area (m²) and Polsby–Popper compactness, null when the grid is not valid. */
  grids: ({ areaSquareMeters: number; compactness: number } | null)[];
}

const at = (p: Position | undefined): [number, number] | null => (p ? [p[0], p[1]] : null);

/** A measured piece: spherical area, area in square degrees (for the gap bound), a point in it. */
interface Piece {
  area: number;
  areaDegrees: number;
  location: [number, number] | null;
}
const NOTHING: Piece = { area: 0, areaDegrees: 0, location: null };

function pieceOf(f: Feature<Polygon | MultiPolygon> | null): Piece {
  if (!f) return NOTHING;
  const area = turf.area(f);
  if (!(area > 0)) return NOTHING;
  const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return {
    area,
    areaDegrees: parts.reduce((sum, rings) => sum + ringsAreaDegrees(rings), 0),
    location: at(turf.pointOnFeature(f).geometry.coordinates as Position),
  };
}

interface Prepared {
  key: string;
  feature: Feature<Polygon>;
  rings: Rings;
  box: [number, number, number, number];
  kink: [number, number] | null;
  area: number;
  areaDegrees: number;
  perimeter: number;
}

/** Bounded memo: past the bound it starts again (a planning session touches a few hundred shapes). */
class Memo<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get size(): number {
    return this.entries.size;
  }
  get(key: string, make: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = make();
      this.entries.set(key, value);
    }
    return value;
  }
}

const prepared = new Memo<Prepared>(1000);
const outsides = new Memo<Piece>(1000);
const overlaps = new Memo<Piece>(4000);
const villages = new Memo<{ feature: Feature<Polygon | MultiPolygon>; rings: Rings; box: Prepared['box'] }>(20);
const gaps = new Memo<Piece>(200);

function prepare(coordinates: Position[][]): Prepared {
  const key = JSON.stringify(coordinates);
  return prepared.get(key, () => {
    const feature = turf.polygon(normalisePolygon(coordinates).coordinates);
    const rings: Rings = feature.geometry.coordinates;
    const kinks = turf.kinks(feature);
    const area = turf.area(feature);
    return {
      key,
      feature,
      rings,
      box: ringsBox(rings),
      kink: kinks.features.length > 0 ? at(kinks.features[0]!.geometry.coordinates as Position) : null,
      area,
      areaDegrees: ringsAreaDegrees(rings),
      perimeter: turf.length(turf.polygonToLine(feature) as Feature<any>, { units: 'meters' }),
    };
  });
}

/** Polygons' rings clipped to a box, as one feature; null when nothing is left. */
function clippedParts(parts: readonly Rings[], box: Prepared['box']): Feature<MultiPolygon> | null {
  const clipped = parts.map((rings) => clipRings(rings, box)).filter((rings) => rings.length > 0);
  return clipped.length > 0 ? turf.multiPolygon(clipped) : null;
}

/** The part of a grid outside the village: only the village within the grid's box can matter. */
function outsidePiece(p: Prepared, villageParts: readonly Rings[]): Piece {
  const villageHere = clippedParts(villageParts, p.box);
  if (!villageHere) return pieceOf(p.feature);
  return pieceOf(turf.difference(turf.featureCollection<Polygon | MultiPolygon>([p.feature, villageHere])));
}

/** Where two grids overlap: both clipped to where their boxes meet, which holds all of it. */
function overlapPiece(pa: Prepared, pb: Prepared): Piece {
  const box: Prepared['box'] = [
    Math.max(pa.box[0], pb.box[0]),
    Math.max(pa.box[1], pb.box[1]),
    Math.min(pa.box[2], pb.box[2]),
    Math.min(pa.box[3], pb.box[3]),
  ];
  const a = clipRings(pa.rings, box);
  const b = clipRings(pb.rings, box);
  if (a.length === 0 || b.length === 0) return NOTHING;
  return pieceOf(turf.intersect(turf.featureCollection([turf.polygon(a), turf.polygon(b)])));
}

/**
 * The gap cut out only where boundaries fail to pair up (seams.ts): in each box of open seams,
 * the village there minus the grids reaching into it. A drag step changes one or two grids, so
 * the boxes elsewhere and their cuts come again from the cache; one box costs a few small
 * overlays instead of one of the whole village, which would not fit a frame. The
 * location is a point in the largest box's gap (the server points into the largest piece).
 */
function gapAtSeams(villageKey: string, villageParts: readonly Rings[], polygons: readonly Prepared[]): Piece {
  const total = { area: 0, areaDegrees: 0, location: null as Piece['location'] };
  let largest = 0;
  for (const box of openSeamBoxes(
    polygons.map((p) => p.rings),
    villageParts,
  )) {
    const near = polygons.flatMap((p) => {
      const rings = boxesMeet(p.box, box) ? clipRings(p.rings, box) : [];
      return rings.length > 0 ? [rings] : [];
    });
    // Keyed by what lies in the box: a grid changed elsewhere leaves the cut as it was.
    const piece = gaps.get(`${villageKey}|${box.join(',')}|${JSON.stringify(near)}`, () => {
      const villageHere = clippedParts(villageParts, box);
      if (!villageHere) return NOTHING;
      if (near.length === 0) return pieceOf(villageHere);
      return pieceOf(
        turf.difference(
          turf.featureCollection<Polygon | MultiPolygon>([villageHere, ...near.map((rings) => turf.polygon(rings))]),
        ),
      );
    });
    total.area += piece.area;
    total.areaDegrees += piece.areaDegrees;
    if (piece.area > largest) {
      largest = piece.area;
      total.location = piece.location;
    }
  }
  return total;
}

/** How many exact overlay results (outside, overlap, gap) are cached; for tests of the cache. */
export function cachedOverlayCount(): number {
  return outsides.size + overlaps.size + gaps.size;
}

/** Checks a village partition as the server would; `village` is the village boundary. */
export function checkPartitionPlanar(
  village: Polygon | MultiPolygon,
  grids: readonly MirrorGrid[],
  settings: PlanningSettings,
): MirrorResult {
  const polygons = grids.map((g) => prepare(g.coordinates));
  const kinked = polygons.flatMap((p, i) =>
    p.kink
      ? [
          issue(
            'INVALID_GEOMETRY',
            `grid ${gridNumber(i)}: the boundary crosses itself`,
            { gridIndex: i, location: p.kink },
            { problem: 'self_intersection' },
          ),
        ]
      : [],
  );
  if (kinked.length > 0) return { issues: sortIssues(kinked), grids: grids.map(() => null) };

  const villageKey = JSON.stringify(village.coordinates);
  const v = villages.get(villageKey, () => {
    const rings: Rings = (village.type === 'Polygon' ? [village.coordinates] : village.coordinates).flat();
    return { feature: turf.feature(village), rings, box: ringsBox(rings) };
  });
  const villageParts: Rings[] = village.type === 'Polygon' ? [village.coordinates] : village.coordinates;
  const outside = polygons.map((p) =>
    outsides.get(`${villageKey}|${p.key}`, () =>
      certainlyWithin(p.rings, p.box, v.rings, v.box) ? NOTHING : outsidePiece(p, villageParts),
    ),
  );
  const measure: PartitionMeasure = {
    grids: polygons.map((p, i) => ({
      areaSquareMeters: p.area,
      perimeterMeters: p.perimeter,
      outsideSquareMeters: outside[i]!.area,
      outsideLocation: outside[i]!.location,
      households: grids[i]!.households,
    })),
    overlaps: [],
    gapSquareMeters: 0,
    gapLocation: null,
  };
  let overlapDegrees = 0;
  for (let a = 0; a < polygons.length; a++) {
    for (let b = a + 1; b < polygons.length; b++) {
      const pa = polygons[a]!;
      const pb = polygons[b]!;
      if (!boxesMeet(pa.box, pb.box)) continue;
      const shared = overlaps.get(`${pa.key}|${pb.key}`, () =>
        certainlyDisjoint(pa.rings, pa.box, pb.rings, pb.box) ? NOTHING : overlapPiece(pa, pb),
      );
      if (shared.area > 0) {
        measure.overlaps.push({ a, b, areaSquareMeters: shared.area, location: shared.location });
        overlapDegrees += shared.areaDegrees;
      }
    }
  }

  const perDegree = squareMetersPerSquareDegree((v.box[1] + v.box[3]) / 2);
  const villageDegrees = villageParts.reduce((sum, rings) => sum + ringsAreaDegrees(rings), 0);
  const coveredDegrees = polygons.reduce((s, p, i) => s + p.areaDegrees - outside[i]!.areaDegrees, 0);
  const gapLow = (villageDegrees - coveredDegrees) * perDegree;
  const gapHigh = gapLow + overlapDegrees * perDegree;
  if (polygons.length > 0 && gapHigh <= settings.gapToleranceSquareMeters) {
    measure.gapSquareMeters = Math.max(0, gapLow);
  } else {
    const whole = () =>
      gaps.get(`${villageKey}|${polygons.map((p) => p.key).join('|')}`, () =>
        polygons.length === 0
          ? pieceOf(v.feature)
          : pieceOf(turf.difference(turf.featureCollection([v.feature, ...polygons.map((p) => p.feature)]))),
      );
    let gap = polygons.length === 0 ? whole() : gapAtSeams(villageKey, villageParts, polygons);
    // Safety net: where the pieces cut at the seams hold less than the areas say is uncovered
    // (a seam paired by mistake), cut the whole village as before.
    if (gap.areaDegrees * perDegree < gapLow - settings.gapToleranceSquareMeters / 10) gap = whole();
    measure.gapSquareMeters = gap.area;
    measure.gapLocation = gap.location;
  }
  return {
    issues: judgePartition(measure, settings),
    grids: measure.grids.map((g) => ({
      areaSquareMeters: g.areaSquareMeters,
      compactness: (4 * Math.PI * g.areaSquareMeters) / (g.perimeterMeters * g.perimeterMeters),
    })),
  };
}
