/**
 * Cheap planar predicates for the browser mirror (mirror.ts), on lon/lat treated as a plane (a
 * grid is a few hundred metres across, and straight edges are straight in lon/lat for PostGIS
 * geometry too). They answer only "certainly no overlap" and "certainly inside the village":
 * anything they cannot prove falls back to turf's exact (and ~100× slower) overlay. Points
 * closer than EPSILON_DEGREES (~0.1 mm) to a boundary count as on it, so shared edges and
 * T-junctions computed on other machines still match; the area such slack can hide is far
 * below the 0.5 m² tolerances. Pure.
 */
export const EPSILON_DEGREES = 1e-9;

/** Rings of [lon, lat] positions (GeoJSON), outer ring first. */
export type Rings = readonly (readonly (readonly number[])[])[];
type Box = [number, number, number, number];

export function ringsBox(rings: Rings): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < box[0]) box[0] = x!;
      if (y! < box[1]) box[1] = y!;
      if (x! > box[2]) box[2] = x!;
      if (y! > box[3]) box[3] = y!;
    }
  }
  return box;
}

export const boxesMeet = (a: Box, b: Box, slack = EPSILON_DEGREES): boolean =>
  a[0] <= b[2] + slack && b[0] <= a[2] + slack && a[1] <= b[3] + slack && b[1] <= a[3] + slack;

/** Area of the rings by the shoelace formula in square degrees (outer ring minus holes). */
export function ringsAreaDegrees(rings: Rings): number {
  let total = 0;
  rings.forEach((ring, i) => {
    total += (i === 0 ? 1 : -1) * Math.abs(signedTwiceArea(ring) / 2);
  });
  return total;
}

/** Twice a ring's signed area in square degrees (positive when counter-clockwise). */
export function signedTwiceArea(ring: Rings[number]): number {
  const [x0, y0] = ring[0] ?? [0, 0];
  let twice = 0;
  // Relative to the first vertex: the shoelace of raw longitudes near 115° loses digits.
  for (let k = 1; k + 1 < ring.length; k++) {
    const [ax, ay] = ring[k]!;
    const [bx, by] = ring[k + 1]!;
    twice += (ax! - x0!) * (by! - y0!) - (bx! - x0!) * (ay! - y0!);
  }
  return twice;
}

/** Square metres per square degree at a latitude (an affine local projection; ~0.03% across a village). */
export function squareMetersPerSquareDegree(latitude: number): number {
  const metersPerDegree = 111_319.49;
  return metersPerDegree * metersPerDegree * Math.cos((latitude * Math.PI) / 180);
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** 1 strictly inside, 0 on the boundary (within EPSILON_DEGREES), -1 outside; even–odd over all rings. */
export function classifyPoint(x: number, y: number, rings: Rings): -1 | 0 | 1 {
  let inside = false;
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k]!;
      const [bx, by] = ring[k + 1]!;
      if (distanceToSegment(x, y, ax!, ay!, bx!, by!) <= EPSILON_DEGREES) return 0;
      if (ay! > y !== by! > y && x < ((bx! - ax!) * (y - ay!)) / (by! - ay!) + ax!) inside = !inside;
    }
  }
  return inside ? 1 : -1;
}

/**
 * Where the boundary of `a` runs relative to `b`: each edge of `a` is cut where it crosses an
 * edge of `b` or passes a vertex of `b`; between two cuts it is wholly inside, on or outside `b`,
 * so its middle tells. Only the parts of `a` near `bBox` can be inside `b`.
 */
export function boundaryRuns(a: Rings, b: Rings, bBox: Box): { inside: boolean; outside: boolean } {
  const result = { inside: false, outside: false };
  for (const ring of a) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [px, py] = ring[k]!;
      const [qx, qy] = ring[k + 1]!;
      const edgeBox: Box = [Math.min(px!, qx!), Math.min(py!, qy!), Math.max(px!, qx!), Math.max(py!, qy!)];
      if (!boxesMeet(edgeBox, bBox)) {
        result.outside = true;
        continue;
      }
      const dx = qx! - px!;
      const dy = qy! - py!;
      const length2 = dx * dx + dy * dy;
      const cuts = [0, 1];
      for (const other of b) {
        for (let j = 0; j + 1 < other.length; j++) {
          const [rx, ry] = other[j]!;
          const [sx, sy] = other[j + 1]!;
          if (Math.max(rx!, sx!) < edgeBox[0] - EPSILON_DEGREES || Math.min(rx!, sx!) > edgeBox[2] + EPSILON_DEGREES)
            continue;
          if (Math.max(ry!, sy!) < edgeBox[1] - EPSILON_DEGREES || Math.min(ry!, sy!) > edgeBox[3] + EPSILON_DEGREES)
            continue;
          if (length2 > 0 && distanceToSegment(rx!, ry!, px!, py!, qx!, qy!) <= EPSILON_DEGREES) {
            cuts.push(((rx! - px!) * dx + (ry! - py!) * dy) / length2);
          }
          const d1 = dx * (ry! - py!) - dy * (rx! - px!);
          const d2 = dx * (sy! - py!) - dy * (sx! - px!);
          const ex = sx! - rx!;
          const ey = sy! - ry!;
          const d3 = ex * (py! - ry!) - ey * (px! - rx!);
          const d4 = ex * (qy! - ry!) - ey * (qx! - rx!);
          if (d1 * d2 < 0 && d3 * d4 < 0) cuts.push(d3 / (d3 - d4));
        }
      }
      cuts.sort((u, v) => u - v);
      for (let c = 0; c + 1 < cuts.length; c++) {
        const t0 = Math.max(0, cuts[c]!);
        const t1 = Math.min(1, cuts[c + 1]!);
        if (t1 - t0 < 1e-12) continue;
        const t = (t0 + t1) / 2;
        const state = classifyPoint(px! + t * dx, py! + t * dy, b);
        if (state === 1) result.inside = true;
        else if (state === -1) result.outside = true;
      }
      if (result.inside && result.outside) return result;
    }
  }
  return result;
}

/** A point strictly inside a polygon's rings, or null when none was found cheaply. */
export function interiorPoint(rings: Rings): [number, number] | null {
  const outer = rings[0];
  if (!outer || outer.length < 4) return null;
  // Beside the middle of each edge, a hair's breadth to either side: one of them is inside.
  for (let k = 0; k + 1 < outer.length; k++) {
    const [ax, ay] = outer[k]!;
    const [bx, by] = outer[k + 1]!;
    const length = Math.hypot(bx! - ax!, by! - ay!);
    if (length === 0) continue;
    const step = Math.min(length / 4, 1e-6);
    for (const side of [1, -1]) {
      const x = (ax! + bx!) / 2 - (side * step * (by! - ay!)) / length;
      const y = (ay! + by!) / 2 + (side * step * (bx! - ax!)) / length;
      if (classifyPoint(x, y, rings) === 1) return [x, y];
    }
  }
  return null;
}

/**
 * True when the interiors of `a` and `b` certainly do not meet: no part of either boundary runs
 * inside the other, and a point inside `a` is not inside `b` (which rules out a == b).
 */
export function certainlyDisjoint(a: Rings, aBox: Box, b: Rings, bBox: Box): boolean {
  if (!boxesMeet(aBox, bBox)) return true;
  if (boundaryRuns(a, b, bBox).inside || boundaryRuns(b, a, aBox).inside) return false;
  const p = interiorPoint(a);
  return p !== null && classifyPoint(p[0], p[1], b) === -1;
}

/**
 * True when `a` certainly lies inside `b` (the village): no part of a's boundary runs outside b,
 * no part of b's boundary runs inside a (a hole of b, another part of it), and a point inside `a`
 * is inside b.
 */
export function certainlyWithin(a: Rings, aBox: Box, b: Rings, bBox: Box): boolean {
  if (boundaryRuns(a, b, bBox).outside || boundaryRuns(b, a, aBox).inside) return false;
  const p = interiorPoint(a);
  return p !== null && classifyPoint(p[0], p[1], b) === 1;
}
