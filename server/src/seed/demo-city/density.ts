/**
 * The population density model (people per km²) and the sampling of atom sites from it.
 *
 * Density = a rural baseline + Gaussian bumps (county seats, market towns) + a mild
 * boost along main roads. Atom sites are drawn from exactly this mixture, so each atom
 * stands for roughly the same number of people: small cells in town, large in the fields.
 */
import type { CityOutline } from './city-outline.js';
import type { Rng } from './prng.js';
import { WeightedSampler } from './prng.js';
import type { XY } from './planar.js';

export interface DensityBump {
  x: number;
  y: number;
  peakPerKm2: number;
  sigmaMeters: number;
}

export interface DensityModel {
  basePerKm2: number;
  bumps: readonly DensityBump[];
  /** Main-road polylines that carry the road boost. */
  roads: readonly (readonly XY[])[];
  roadBoostPerKm2: number;
  roadSigmaMeters: number;
  densityPerKm2(x: number, y: number): number;
}

const ROAD_STEP_METERS = 200;
const RASTER_CELL_METERS = 400;

/** Points every `step` metres along a polyline (both ends included). */
export function resamplePolyline(line: readonly XY[], step: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 0; k < n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  if (line.length > 0) out.push(line[line.length - 1]!);
  return out;
}

/**
 * Places market towns (镇驻地) as smaller bumps, spread out by a minimum spacing and kept
 * away from the county seats, which get their own larger bumps.
 */
export function placeTownBumps(outline: CityOutline, seats: readonly XY[], count: number, rng: Rng): DensityBump[] {
  const towns: DensityBump[] = [];
  const rMax = Math.max(...outline.radii);
  for (let attempt = 0; attempt < count * 200 && towns.length < count; attempt++) {
    const x = outline.cx + rng.range(-rMax, rMax);
    const y = outline.cy + rng.range(-rMax, rMax);
    if (outline.radialExcessMeters(x, y) > -2000) continue;
    if (seats.some((s) => Math.hypot(s.x - x, s.y - y) < 7000)) continue;
    if (towns.some((t) => Math.hypot(t.x - x, t.y - y) < 5500)) continue;
    towns.push({ x, y, peakPerKm2: rng.range(900, 2600), sigmaMeters: rng.range(500, 900) });
  }
  return towns;
}

export function buildDensityModel(
  bumps: readonly DensityBump[],
  roads: readonly (readonly XY[])[],
  options: { basePerKm2: number; roadBoostPerKm2: number; roadSigmaMeters: number },
): DensityModel {
  const { basePerKm2, roadBoostPerKm2, roadSigmaMeters } = options;
  // Road term on a raster: the sum of Gaussian kernels at points every ROAD_STEP metres,
  // scaled so that far from junctions it equals boost·exp(-d²/2σ²) across the road.
  const roadPoints = roads.flatMap((line) => resamplePolyline(line, ROAD_STEP_METERS));
  const xs = roadPoints.map((p) => p.x);
  const ys = roadPoints.map((p) => p.y);
  const pad = 5 * roadSigmaMeters + RASTER_CELL_METERS;
  const x0 = (xs.length ? Math.min(...xs) : 0) - pad;
  const y0 = (ys.length ? Math.min(...ys) : 0) - pad;
  const nx = xs.length ? Math.ceil((Math.max(...xs) + pad - x0) / RASTER_CELL_METERS) + 1 : 1;
  const ny = ys.length ? Math.ceil((Math.max(...ys) + pad - y0) / RASTER_CELL_METERS) + 1 : 1;
  const raster = new Float64Array(nx * ny);
  const kernelScale = (roadBoostPerKm2 * ROAD_STEP_METERS) / (Math.sqrt(2 * Math.PI) * roadSigmaMeters);
  const reach = Math.ceil((4 * roadSigmaMeters) / RASTER_CELL_METERS);
  for (const p of roadPoints) {
    const ci = Math.round((p.x - x0) / RASTER_CELL_METERS);
    const cj = Math.round((p.y - y0) / RASTER_CELL_METERS);
    for (let j = Math.max(0, cj - reach); j <= Math.min(ny - 1, cj + reach); j++) {
      for (let i = Math.max(0, ci - reach); i <= Math.min(nx - 1, ci + reach); i++) {
        const dx = x0 + i * RASTER_CELL_METERS - p.x;
        const dy = y0 + j * RASTER_CELL_METERS - p.y;
        raster[j * nx + i]! += kernelScale * Math.exp(-(dx * dx + dy * dy) / (2 * roadSigmaMeters * roadSigmaMeters));
      }
    }
  }
  const roadTerm = (x: number, y: number): number => {
    const fx = (x - x0) / RASTER_CELL_METERS;
    const fy = (y - y0) / RASTER_CELL_METERS;
    const i = Math.floor(fx);
    const j = Math.floor(fy);
    if (i < 0 || j < 0 || i + 1 >= nx || j + 1 >= ny) return 0;
    const tx = fx - i;
    const ty = fy - j;
    const at = (a: number, b: number) => raster[b * nx + a]!;
    return (
      (at(i, j) * (1 - tx) + at(i + 1, j) * tx) * (1 - ty) + (at(i, j + 1) * (1 - tx) + at(i + 1, j + 1) * tx) * ty
    );
  };
  return {
    basePerKm2,
    bumps,
    roads,
    roadBoostPerKm2,
    roadSigmaMeters,
    densityPerKm2(x, y) {
      let d = basePerKm2 + roadTerm(x, y);
      for (const b of bumps) {
        const dx = x - b.x;
        const dy = y - b.y;
        const limit = 5 * b.sigmaMeters;
        if (dx > limit || dx < -limit || dy > limit || dy < -limit) continue;
        d += b.peakPerKm2 * Math.exp(-(dx * dx + dy * dy) / (2 * b.sigmaMeters * b.sigmaMeters));
      }
      return d;
    },
  };
}

export interface SampledSites {
  /** x0, y0, x1, y1, … : the kept sites first, then the ring outside the city. */
  sites: Float64Array;
  keptCount: number;
}

/**
 * Draws `keptCount` sites inside the outline with probability ∝ density, then a band of
 * sites just outside it at the baseline rate, so that no kept Voronoi cell is unbounded
 * and boundary cells stay about as large as rural ones.
 */
export function sampleSites(
  model: DensityModel,
  outline: CityOutline,
  keptCount: number,
  ringWidthMeters: number,
  rng: Rng,
): SampledSites {
  const rMax = Math.max(...outline.radii);
  const bbox = { x0: outline.cx - rMax, y0: outline.cy - rMax, size: 2 * rMax };
  const roadPoints = model.roads.flatMap((line) => resamplePolyline(line, ROAD_STEP_METERS));
  const components = [
    model.basePerKm2 * bbox.size * bbox.size,
    model.roadBoostPerKm2 * Math.sqrt(2 * Math.PI) * model.roadSigmaMeters * roadPoints.length * ROAD_STEP_METERS,
    ...model.bumps.map((b) => b.peakPerKm2 * 2 * Math.PI * b.sigmaMeters * b.sigmaMeters),
  ];
  const chooser = new WeightedSampler(components);
  const kept = new Float64Array(keptCount * 2);
  let n = 0;
  let draws = 0;
  while (n < keptCount) {
    draws++;
    const c = chooser.draw(rng);
    let x: number;
    let y: number;
    if (c === 0) {
      x = bbox.x0 + rng.next() * bbox.size;
      y = bbox.y0 + rng.next() * bbox.size;
    } else if (c === 1) {
      const p = roadPoints[rng.int(roadPoints.length)]!;
      x = p.x + rng.normal() * model.roadSigmaMeters;
      y = p.y + rng.normal() * model.roadSigmaMeters;
    } else {
      const b = model.bumps[c - 2]!;
      x = b.x + rng.normal() * b.sigmaMeters;
      y = b.y + rng.normal() * b.sigmaMeters;
    }
    if (!outline.contains(x, y)) continue;
    kept[2 * n] = x;
    kept[2 * n + 1] = y;
    n++;
  }
  // Baseline sites per m² of the mixture, from how many draws it took to fill the city.
  const sitesPerBaseArea = (draws / chooser.total) * model.basePerKm2;
  const ringBox = {
    x0: bbox.x0 - ringWidthMeters,
    y0: bbox.y0 - ringWidthMeters,
    size: bbox.size + 2 * ringWidthMeters,
  };
  const ringDraws = Math.round(sitesPerBaseArea * ringBox.size * ringBox.size);
  const ring: number[] = [];
  for (let i = 0; i < ringDraws; i++) {
    const x = ringBox.x0 + rng.next() * ringBox.size;
    const y = ringBox.y0 + rng.next() * ringBox.size;
    const excess = outline.radialExcessMeters(x, y);
    if (excess >= 0 && excess < ringWidthMeters) ring.push(x, y);
  }
  // Four far corners keep every ring site off the convex hull's degenerate edges.
  const far = rMax * 3;
  ring.push(outline.cx - far, outline.cy - far, outline.cx + far, outline.cy - far);
  ring.push(outline.cx + far, outline.cy + far, outline.cx - far, outline.cy + far);
  const sites = new Float64Array(kept.length + ring.length);
  sites.set(kept);
  sites.set(ring, kept.length);
  return { sites, keptCount };
}
