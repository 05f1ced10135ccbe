/**
 * Hilbert-curve ordering of points. Atoms stored in this order sit near their neighbours
 * in memory, which makes the graph searches over ~10^5 atoms several times faster.
 */

/** Index along a Hilbert curve of order 16 for integer cell coordinates 0..65535. */
export function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** The points (x0, y0, x1, y1, …) reordered along a Hilbert curve over their bounding box. */
export function hilbertSorted(points: Float64Array): Float64Array {
  const n = points.length / 2;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, points[2 * i]!);
    maxX = Math.max(maxX, points[2 * i]!);
    minY = Math.min(minY, points[2 * i + 1]!);
    maxY = Math.max(maxY, points[2 * i + 1]!);
  }
  const scale = 65535 / Math.max(maxX - minX, maxY - minY, 1e-9);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = hilbertIndex(
      Math.floor((points[2 * i]! - minX) * scale),
      Math.floor((points[2 * i + 1]! - minY) * scale),
    );
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const out = new Float64Array(points.length);
  order.forEach((from, to) => {
    out[2 * to] = points[2 * from]!;
    out[2 * to + 1] = points[2 * from + 1]!;
  });
  return out;
}
