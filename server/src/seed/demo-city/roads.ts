/**
 * The demo road network: expressways on approximate real alignments, main roads linking
 * the county seats (a minimum spanning tree plus a few short extra links), and county
 * roads tying each county's towns to each other and to the seat. Lines wiggle gently and
 * are cut to the city. All in the planar metre frame.
 */
import type { RoadClass } from '../../domain/dataset-format.js';
import { resamplePolyline } from './density.js';
import type { Rng } from './prng.js';
import { lonLatToXY, type XY } from './planar.js';

export interface RoadLine {
  roadClass: RoadClass;
  name: string;
  points: XY[];
}

export interface NamedPlace {
  name: string;
  x: number;
  y: number;
}

/** Rough alignments (lon/lat waypoints) of the expressways crossing Heze, extended past the city. */
const EXPRESSWAYS: readonly { name: string; waypoints: readonly (readonly [number, number])[] }[] = [
  {
    name: 'G1511日兰高速',
    waypoints: [
      [116.6, 35.47],
      [116.1, 35.36],
      [115.62, 35.22],
      [115.1, 35.26],
      [114.6, 35.2],
    ],
  },
  {
    name: 'G35济广高速',
    waypoints: [
      [116.45, 35.72],
      [115.98, 35.43],
      [115.56, 35.16],
      [115.5, 34.86],
      [115.35, 34.4],
    ],
  },
  {
    name: 'G3W德上高速',
    waypoints: [
      [115.75, 36.05],
      [115.91, 35.62],
      [116.05, 35.34],
      [115.93, 34.99],
      [116.06, 34.78],
      [116.2, 34.4],
    ],
  },
  {
    name: 'G22青兰高速',
    waypoints: [
      [116.4, 35.8],
      [115.96, 35.65],
      [115.49, 35.54],
      [114.8, 35.62],
    ],
  },
];

/** Links of a minimum spanning tree (Prim), as index pairs with the smaller index first. */
export function minimumSpanningLinks(points: readonly XY[]): [number, number][] {
  const n = points.length;
  if (n < 2) return [];
  const inTree = new Array<boolean>(n).fill(false);
  const best = new Array<number>(n).fill(Infinity);
  const from = new Array<number>(n).fill(-1);
  best[0] = 0;
  const links: [number, number][] = [];
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = true;
    if (from[u]! >= 0) links.push([Math.min(u, from[u]!), Math.max(u, from[u]!)]);
    for (let v = 0; v < n; v++) {
      const d = Math.hypot(points[u]!.x - points[v]!.x, points[u]!.y - points[v]!.y);
      if (!inTree[v] && d < best[v]!) {
        best[v] = d;
        from[v] = u;
      }
    }
  }
  return links;
}

/**
 * The spanning tree plus up to `extra` of the shortest other links, skipping any that
 * leave a point within 35° of a link it already has (which would run nearly parallel).
 */
export function mainRoadLinks(points: readonly XY[], extra: number): [number, number][] {
  const links = minimumSpanningLinks(points);
  const has = new Set(links.map(([a, b]) => `${a}-${b}`));
  const angle = (a: number, b: number) => Math.atan2(points[b]!.y - points[a]!.y, points[b]!.x - points[a]!.x);
  const near = (a: number, b: number) =>
    links.some(([p, q]) => {
      const other = p === a ? q : q === a ? p : -1;
      if (other < 0) return false;
      let d = Math.abs(angle(a, b) - angle(a, other));
      if (d > Math.PI) d = 2 * Math.PI - d;
      return d < (35 * Math.PI) / 180;
    });
  const candidates: [number, number, number][] = [];
  for (let a = 0; a < points.length; a++) {
    for (let b = a + 1; b < points.length; b++) {
      if (!has.has(`${a}-${b}`))
        candidates.push([a, b, Math.hypot(points[a]!.x - points[b]!.x, points[a]!.y - points[b]!.y)]);
    }
  }
  candidates.sort((p, q) => p[2] - q[2] || p[0] - q[0] || p[1] - q[1]);
  let added = 0;
  for (const [a, b] of candidates) {
    if (added >= extra) break;
    if (near(a, b) || near(b, a)) continue;
    links.push([a, b]);
    added++;
  }
  return links;
}

/** A path from a to b every ~stepMeters, bent sideways by smooth noise that is zero at both ends. */
export function wiggledPath(a: XY, b: XY, rng: Rng, amplitudeRatio: number, stepMeters = 250): XY[] {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const n = Math.max(2, Math.ceil(length / stepMeters));
  const nx = -(b.y - a.y) / (length || 1);
  const ny = (b.x - a.x) / (length || 1);
  const amplitude = Math.min(2500, length * amplitudeRatio);
  const waves = [1, 2, 3].map((k) => ({ k, a: rng.range(-1, 1) / k, phase: rng.range(0, 2 * Math.PI) }));
  const out: XY[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    let offset = 0;
    for (const w of waves) offset += w.a * Math.sin(w.k * Math.PI * t + w.phase);
    offset *= amplitude * Math.sin(Math.PI * t);
    out.push({ x: a.x + (b.x - a.x) * t + nx * offset, y: a.y + (b.y - a.y) * t + ny * offset });
  }
  return out;
}

function joinPaths(paths: XY[][]): XY[] {
  return paths.flatMap((p, i) => (i === 0 ? p : p.slice(1)));
}

export function expresswayLines(rng: Rng): RoadLine[] {
  return EXPRESSWAYS.map((e) => {
    const xy = e.waypoints.map(([lon, lat]) => lonLatToXY(lon, lat));
    const legs = xy.slice(1).map((b, i) => wiggledPath(xy[i]!, b, rng, 0.015));
    return { roadClass: 'expressway' as const, name: e.name, points: joinPaths(legs) };
  });
}

export function mainRoadLines(seats: readonly NamedPlace[], rng: Rng): RoadLine[] {
  return mainRoadLinks(seats, 4).map(([a, b]) => ({
    roadClass: 'main' as const,
    name: `${seats[a]!.name}—${seats[b]!.name}公路`,
    points: wiggledPath(seats[a]!, seats[b]!, rng, 0.04),
  }));
}

/**
 * County roads (县道): inside each county, a spanning tree over the county seat and its
 * township seats, so every town is linked to its neighbours and, through them, to the
 * seat. Links shorter than minMeters (towns that merge into the seat) are dropped.
 */
export function countyRoadLines(
  counties: readonly { seat: NamedPlace; towns: readonly NamedPlace[] }[],
  rng: Rng,
  minMeters = 1500,
): RoadLine[] {
  const out: RoadLine[] = [];
  for (const county of counties) {
    const places = [county.seat, ...county.towns];
    for (const [a, b] of minimumSpanningLinks(places)) {
      const p = places[a]!;
      const q = places[b]!;
      if (Math.hypot(p.x - q.x, p.y - q.y) < minMeters) continue;
      out.push({ roadClass: 'local', name: `${p.name}—${q.name}县道`, points: wiggledPath(p, q, rng, 0.08, 200) });
    }
  }
  return out;
}

/**
 * Cuts lines to the parts inside the city, judged at points every stepMeters; each inside
 * run of at least two points becomes its own line.
 */
export function clipLines(
  lines: readonly RoadLine[],
  inside: (x: number, y: number) => boolean,
  stepMeters = 250,
): RoadLine[] {
  const out: RoadLine[] = [];
  for (const line of lines) {
    let run: XY[] = [];
    const flush = () => {
      if (run.length >= 2) out.push({ roadClass: line.roadClass, name: line.name, points: run });
      run = [];
    };
    for (const p of resamplePolyline(line.points, stepMeters)) {
      if (inside(p.x, p.y)) run.push(p);
      else flush();
    }
    flush();
  }
  return out;
}
