/**
 * The synthetic city outline: a smooth, noisy, star-shaped blob around the county seats.
 * Star-shaped about its centre, so "is this point inside" is one angle lookup; the final
 * city boundary is the union of Voronoi cells, which only follows this blob approximately.
 */
import type { Rng } from './prng.js';
import type { XY } from './planar.js';

export interface CityOutline {
  cx: number;
  cy: number;
  /** Boundary radius in metres at angles 2π·i/n, i = 0..n-1. */
  radii: Float64Array;
  areaSquareMeters: number;
  /** Boundary radius at an angle (linear interpolation between the sampled angles). */
  radiusAt(theta: number): number;
  contains(x: number, y: number): boolean;
  /** Approximate distance outside the blob (negative inside), measured along the ray. */
  radialExcessMeters(x: number, y: number): number;
}

export interface CityOutlineOptions {
  seats: readonly XY[];
  targetAreaSquareMeters: number;
  /** How far inside the boundary every seat must lie. */
  seatMarginMeters: number;
  rng: Rng;
  angleSamples?: number;
}

function smoothMax(a: number, b: number, softness: number): number {
  return (a + b + Math.sqrt((a - b) * (a - b) + softness * softness)) / 2;
}

export function starPolygonArea(radii: ArrayLike<number>): number {
  const n = radii.length;
  const wedge = Math.sin((2 * Math.PI) / n) / 2;
  let area = 0;
  for (let i = 0; i < n; i++) area += radii[i]! * radii[(i + 1) % n]! * wedge;
  return area;
}

/**
 * Radial noise scaled so the area hits the target, then pushed out (smoothly) wherever a
 * seat would be closer than the margin to the edge; the scale is found by bisection, so
 * both the area and the seat margin hold.
 */
export function buildCityOutline(options: CityOutlineOptions): CityOutline {
  const { seats, targetAreaSquareMeters, seatMarginMeters, rng } = options;
  const n = options.angleSamples ?? 720;
  const cx = seats.reduce((s, p) => s + p.x, 0) / seats.length;
  const cy = seats.reduce((s, p) => s + p.y, 0) / seats.length;

  const harmonics = [2, 3, 4, 5, 6, 7, 9, 11].map((k) => ({
    k,
    amplitude: rng.range(0.03, 0.09) / Math.sqrt(k / 2),
    phase: rng.range(0, 2 * Math.PI),
  }));
  const shape = new Float64Array(n);
  const required = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const theta = (2 * Math.PI * i) / n;
    let noise = 0;
    for (const h of harmonics) noise += h.amplitude * Math.cos(h.k * theta + h.phase);
    shape[i] = Math.exp(noise);
    let need = 0;
    for (const seat of seats) {
      const d = Math.hypot(seat.x - cx, seat.y - cy) + seatMarginMeters;
      const seatTheta = Math.atan2(seat.y - cy, seat.x - cx);
      let delta = Math.abs(theta - seatTheta) % (2 * Math.PI);
      if (delta > Math.PI) delta = 2 * Math.PI - delta;
      need = Math.max(need, d * Math.exp(-((delta / 0.35) ** 2)));
    }
    required[i] = need;
  }

  const radii = new Float64Array(n);
  const radiiFor = (scale: number) => {
    for (let i = 0; i < n; i++) radii[i] = smoothMax(scale * shape[i]!, required[i]!, 4000);
    return starPolygonArea(radii);
  };
  let lo = 1000;
  let hi = 500_000;
  if (radiiFor(lo) > targetAreaSquareMeters) throw new Error('the seats alone need more than the target area');
  for (let iter = 0; iter < 80; iter++) {
    const mid = (lo + hi) / 2;
    if (radiiFor(mid) < targetAreaSquareMeters) lo = mid;
    else hi = mid;
  }
  const areaSquareMeters = radiiFor((lo + hi) / 2);

  const radiusAt = (theta: number) => {
    let t = (theta / (2 * Math.PI)) * n;
    t = ((t % n) + n) % n;
    const i = Math.floor(t);
    const f = t - i;
    return radii[i % n]! * (1 - f) + radii[(i + 1) % n]! * f;
  };
  const radialExcessMeters = (x: number, y: number) =>
    Math.hypot(x - cx, y - cy) - radiusAt(Math.atan2(y - cy, x - cx));
  return {
    cx,
    cy,
    radii,
    areaSquareMeters,
    radiusAt,
    contains: (x, y) => radialExcessMeters(x, y) < 0,
    radialExcessMeters,
  };
}
