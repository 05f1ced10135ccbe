/**
 * Splits a connected set of atoms into connected regions of given sizes.
 *
 * Balanced growth (used for townships, villages and grids): every region grows from its seed in order of its own graph distance
 * (so it stays ball-like), and at each step the region that is least full (mass/target)
 * claims its nearest unclaimed neighbour. Regions therefore fill in step with their
 * targets and end close to them unless boxed in. A region only takes atoms adjacent to
 * what it holds, so it is connected by construction; it holds its seed from the start, so
 * it is never empty. Optional rounds move each seed to its region's mass centre and grow
 * again, which makes the shapes more compact.
 */

/** Adjacency of atoms in compressed rows; `adjLength` is the distance between the two sites. */
export interface AtomGraph {
  adjStart: Int32Array;
  adjList: Int32Array;
  adjLength: Float64Array;
}

export interface GrowRegionsInput {
  graph: AtomGraph;
  /** The atoms to split; they must form one connected set. */
  members: ArrayLike<number>;
  /** One distinct member atom per region. */
  seeds: readonly number[];
  /** Desired mass per region (same order as seeds); only ratios matter. */
  targets: readonly number[];
  /** Mass per atom (indexed by atom id). */
  mass: ArrayLike<number>;
  /** Rounds after the first run (recentering, or weight adjustment for weighted growth). */
  iterations: number;
  /** Atom coordinates for recentering; without them the seeds stay put. */
  recenter?: { x: ArrayLike<number>; y: ArrayLike<number> };
}

export interface GrownRegions {
  /** Region index per member (same order as `members`). */
  labels: Int32Array;
  /** The seeds after recentering. */
  seeds: number[];
  /** Mass per region. */
  masses: number[];
}

/** Reusable per-atom scratch space, sized to the largest atom id + 1. */
export class GrowScratch {
  readonly localIndex: Int32Array;
  /** Heap storage for weighted growth, grown on demand. */
  heapKeys = new Float64Array(0);
  heapNodes = new Int32Array(0);

  constructor(atomCount: number) {
    this.localIndex = new Int32Array(atomCount).fill(-1);
  }
}

/** A min-heap of (key, local atom) in typed arrays; ties go to the smaller atom index. */
class FrontierHeap {
  keys = new Float64Array(16);
  nodes = new Int32Array(16);
  size = 0;

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! < key || (keys[p] === key && nodes[p]! < node)) break;
      keys[i] = keys[p]!;
      nodes[i] = nodes[p]!;
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the smallest entry; read `lastKey`/`lastNode` for it. */
  pop(): void {
    const { keys, nodes } = this;
    this.lastKey = keys[0]!;
    this.lastNode = nodes[0]!;
    const size = --this.size;
    if (size === 0) return;
    const key = keys[size]!;
    const node = nodes[size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (keys[c + 1]! < keys[c]! || (keys[c + 1] === keys[c] && nodes[c + 1]! < nodes[c]!))) c++;
      if (key < keys[c]! || (key === keys[c] && node < nodes[c]!)) break;
      keys[i] = keys[c]!;
      nodes[i] = nodes[c]!;
      i = c;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  lastKey = 0;
  lastNode = 0;
}

/**
 * Checks the input, maps members to local indices 0..m-1 in `scratch.localIndex` for the
 * duration of `run`, and hands it the seeds as local indices.
 */
export function withLocalIndex<T>(input: GrowRegionsInput, scratch: GrowScratch, run: (seeds: number[]) => T): T {
  const { members, targets } = input;
  const m = members.length;
  const k = input.seeds.length;
  if (k === 0) throw new Error('region growth needs at least one seed');
  if (targets.length !== k) throw new Error('region growth needs one target per seed');
  if (k > m) throw new Error(`region growth: ${k} regions but only ${m} atoms`);
  if (targets.some((t) => !(t > 0))) throw new Error('region growth targets must be positive');
  const local = scratch.localIndex;
  for (let i = 0; i < m; i++) local[members[i]!] = i;
  try {
    const seeds = input.seeds.map((atom) => {
      const li = local[atom]!;
      if (li < 0) throw new Error(`seed atom ${atom} is not a member`);
      return li;
    });
    if (new Set(seeds).size !== k) throw new Error('region growth seeds must be distinct atoms');
    return run(seeds);
  } finally {
    for (let i = 0; i < m; i++) local[members[i]!] = -1;
  }
}

export function growBalancedRegions(input: GrowRegionsInput, scratch: GrowScratch): GrownRegions {
  return withLocalIndex(input, scratch, (seeds) => {
    const labels = new Int32Array(input.members.length);
    for (let round = 0; ; round++) {
      const masses = growOnce(input, scratch.localIndex, seeds, labels);
      if (round >= input.iterations || !input.recenter) {
        return { labels, seeds: seeds.map((li) => input.members[li]!), masses };
      }
      recenterSeeds(input.members, labels, input.mass, input.recenter, seeds);
    }
  });
}

function growOnce(input: GrowRegionsInput, local: Int32Array, seeds: readonly number[], labels: Int32Array): number[] {
  const { graph, members, targets, mass } = input;
  const { adjStart, adjList, adjLength } = graph;
  const m = members.length;
  const k = seeds.length;
  labels.fill(-1);
  const heaps = seeds.map(() => new FrontierHeap());
  const masses = new Array<number>(k).fill(0);
  const active = new Array<boolean>(k).fill(true);
  const claim = (r: number, li: number, key: number) => {
    labels[li] = r;
    const atom = members[li]!;
    masses[r]! += mass[atom]!;
    for (let e = adjStart[atom]!; e < adjStart[atom + 1]!; e++) {
      const lj = local[adjList[e]!]!;
      if (lj >= 0 && labels[lj]! < 0) heaps[r]!.push(key + adjLength[e]!, lj);
    }
  };
  for (let r = 0; r < k; r++) labels[seeds[r]!] = r;
  for (let r = 0; r < k; r++) claim(r, seeds[r]!, 0);
  let claimed = k;
  while (claimed < m) {
    let r = -1;
    let best = Infinity;
    for (let q = 0; q < k; q++) {
      if (!active[q]) continue;
      const fill = masses[q]! / targets[q]!;
      if (fill < best) {
        best = fill;
        r = q;
      }
    }
    if (r < 0) throw new Error(`region growth: ${m - claimed} atoms unreachable; members are not connected`);
    const heap = heaps[r]!;
    let took = false;
    while (heap.size > 0 && !took) {
      heap.pop();
      if (labels[heap.lastNode]! < 0) {
        claim(r, heap.lastNode, heap.lastKey);
        claimed++;
        took = true;
      }
    }
    if (!took) active[r] = false;
  }
  return masses;
}

/** Moves each seed (a local index) to the member of its region nearest the region's mass centre. */
export function recenterSeeds(
  members: ArrayLike<number>,
  labels: Int32Array,
  mass: ArrayLike<number>,
  coords: { x: ArrayLike<number>; y: ArrayLike<number> },
  seeds: number[],
): void {
  const k = seeds.length;
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sm = new Float64Array(k);
  for (let i = 0; i < members.length; i++) {
    const a = members[i]!;
    const r = labels[i]!;
    const w = mass[a]!;
    sx[r]! += coords.x[a]! * w;
    sy[r]! += coords.y[a]! * w;
    sm[r]! += w;
  }
  const best = new Float64Array(k).fill(Infinity);
  for (let i = 0; i < members.length; i++) {
    const a = members[i]!;
    const r = labels[i]!;
    if (!(sm[r]! > 0)) continue;
    const d = Math.hypot(coords.x[a]! - sx[r]! / sm[r]!, coords.y[a]! - sy[r]! / sm[r]!);
    if (d < best[r]!) {
      best[r] = d;
      seeds[r] = i;
    }
  }
}
