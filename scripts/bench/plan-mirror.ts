/**
 * `npx tsx scripts/bench/plan-mirror.ts [--steps 300] [--columns 5] [--rows 2] [--points 8] [--lone]`
 * The grid planner's browser mirror per drag step, in Node: a village of columns × rows grids
 * (10 by default) with wavy shared boundaries (`points` vertices per edge, so about 35 vertices per
 * grid, like the demo data), one shared interior vertex dragged in small steps. Each step does what
 * the browser does: the planner edit (the vertex moved in every grid sharing it) and
 * checkPartitionPlanar (turf) over the whole village. Target: under 16 ms per step.
 * With --lone the corner moves in one grid only (its neighbours keep theirs), so every step opens
 * a gap and overlaps that the mirror must cut out and measure: the slowest kind of drag step.
 */
import { parseArgs } from 'node:util';
import { checkPartitionPlanar } from '../../server/src/domain/grid-planning/mirror.js';
import { DEFAULT_PLANNING_SETTINGS } from '../../server/src/domain/grid-planning/rules.js';
import { editRing, mirrorGrids, stateFromBase, type BaseGrid } from '../../web/src/plan/edit-state.js';
import type { Position } from '../../web/src/geometry/positions.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '300' },
    columns: { type: 'string', default: '5' },
    rows: { type: 'string', default: '2' },
    points: { type: 'string', default: '8' },
    lone: { type: 'boolean', default: false },
  },
});
const [steps, columns, rows, points] = [values.steps, values.columns, values.rows, values.points].map(Number) as [
  number,
  number,
  number,
  number,
];

// A lattice of corners about 400 m apart near Heze, jittered; each edge between two corners is
// one wavy polyline, used by both grids on either side (so edges are shared exactly).
const X0 = 115.45;
const Y0 = 35.25;
const STEP = 0.004;
let seed = 42;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const corner: Position[][] = [];
for (let r = 0; r <= rows; r++) {
  corner.push([]);
  for (let c = 0; c <= columns; c++) {
    const inside = r > 0 && r < rows && c > 0 && c < columns;
    const jitter = (v: number) => (inside ? (random() - 0.5) * STEP * 0.3 : 0) + v;
    corner[r]!.push([jitter(X0 + c * STEP), jitter(Y0 + r * STEP)]);
  }
}
const edges = new Map<string, Position[]>();
function edge(a: [number, number], b: [number, number]): Position[] {
  const key = `${a}|${b}`;
  const back = edges.get(`${b}|${a}`);
  if (back) return [...back].reverse().slice(0, -1);
  let line = edges.get(key);
  if (!line) {
    const p = corner[a[0]]![a[1]]!;
    const q = corner[b[0]]![b[1]]!;
    const outer =
      (a[0] === b[0] && (a[0] === 0 || a[0] === rows)) || (a[1] === b[1] && (a[1] === 0 || a[1] === columns));
    line = [p];
    for (let i = 1; i < points; i++) {
      const t = i / points;
      const wave = outer ? 0 : (random() - 0.5) * STEP * 0.08;
      line.push([
        p[0] + t * (q[0] - p[0]) - wave * (q[1] - p[1]) * 10,
        p[1] + t * (q[1] - p[1]) + wave * (q[0] - p[0]) * 10,
      ]);
    }
    line.push(q);
    edges.set(key, line);
  }
  // Without its last position: the next edge starts there.
  return line.slice(0, -1);
}
const grids: BaseGrid[] = [];
for (let r = 0; r < rows; r++) {
  for (let c = 0; c < columns; c++) {
    const ring = [
      ...edge([r, c], [r, c + 1]),
      ...edge([r, c + 1], [r + 1, c + 1]),
      ...edge([r + 1, c + 1], [r + 1, c]),
      ...edge([r + 1, c], [r, c]),
    ];
    ring.push(ring[0]!);
    grids.push({
      grid: {
        code: `371702005001${String(grids.length + 1).padStart(3, '0')}`,
        name: `g${grids.length}`,
        households: 350,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
  }
}
const outline: Position[] = [];
for (let c = 0; c < columns; c++) outline.push(...edge([0, c], [0, c + 1]));
for (let r = 0; r < rows; r++) outline.push(...edge([r, columns], [r + 1, columns]));
for (let c = columns; c > 0; c--) outline.push(...edge([rows, c], [rows, c - 1]));
for (let r = rows; r > 0; r--) outline.push(...edge([r, 0], [r - 1, 0]));
outline.push(outline[0]!);
const village = { type: 'Polygon' as const, coordinates: [outline] };

let state = stateFromBase(grids);
const vertices = state.grids.reduce((s, g) => s + g.ring.length - 1, 0);
const first = checkPartitionPlanar(village, mirrorGrids(state), DEFAULT_PLANNING_SETTINGS);
console.log(
  `${state.grids.length} grids, ${vertices} vertices; node ${process.version}; ${new Date().toISOString()}; ` +
    `errors at start: ${first.issues.filter((i) => i.severity === 'error').length}`,
);

// Drag the corner shared by four grids (row 1, column 2) in a small circle, one step at a time.
const target = corner[1]![2]!;
const dragged = state.grids[2]!;
const at = dragged.ring.findIndex((p) => Math.abs(p[0] - target[0]) < 1e-8 && Math.abs(p[1] - target[1]) < 1e-8);
if (at < 0) throw new Error('the dragged corner is not in grid 2');
const ms: number[] = [];
// CPU time too: on a machine shared with other work, wall time also counts the waits for a core.
const cpu: number[] = [];
let errors = 0;
for (let i = 0; i < steps; i++) {
  const angle = (i / steps) * 2 * Math.PI;
  const to: Position = [target[0] + Math.cos(angle) * STEP * 0.05, target[1] + Math.sin(angle) * STEP * 0.05];
  const ring = state.grids[2]!.ring.map((p, j): Position =>
    j === at || (at === 0 && j === state.grids[2]!.ring.length - 1) ? to : p,
  );
  const t = performance.now();
  const c = process.cpuUsage();
  if (values.lone) {
    // The planner's edit moves a shared vertex in every grid; moving it in one ring alone does not.
    state = { ...state, grids: state.grids.map((g) => (g.key === dragged.key ? { ...g, ring } : g)) };
  } else state = editRing(state, dragged.key, ring);
  const result = checkPartitionPlanar(village, mirrorGrids(state), DEFAULT_PLANNING_SETTINGS);
  ms.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  errors += result.issues.filter((x) => x.severity === 'error').length;
}
const sorted = [...ms].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
const warm = sorted.slice(0, Math.floor(sorted.length));
console.log(
  `per drag step (edit + mirror), ${steps} steps: median ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${sorted.at(-1)!.toFixed(2)} ms ` +
    `(first ${ms[0]!.toFixed(2)} ms); mean ${(warm.reduce((s, x) => s + x, 0) / warm.length).toFixed(2)} ms; ` +
    (values.lone
      ? `errors seen while dragging: ${errors} (the corner moves in one grid alone: a gap and overlaps every step)`
      : `errors seen while dragging: ${errors} (the shared vertex moves in every grid, so none are expected)`),
);
const cpuSorted = [...cpu].sort((a, b) => a - b);
const cpuPct = (p: number) => cpuSorted[Math.min(cpuSorted.length - 1, Math.floor(p * cpuSorted.length))]!.toFixed(2);
console.log(
  `CPU time per drag step: median ${cpuPct(0.5)} ms, p95 ${cpuPct(0.95)} ms, max ${cpuSorted.at(-1)!.toFixed(2)} ms`,
);
