/**
 * Regions around fixed seeds (counties around their seats), multiplicatively weighted:
 * an edge costs its length divided by the weight of the seed whose frontier crosses it.
 * One Dijkstra run labels every atom; a label only spreads to a neighbour, so each
 * region is a shortest-path tree (connected) and keeps its seed (settled at cost 0).
 * Between runs each weight moves by √(target/mass), since a region's mass grows roughly
 * with weight² as an area does with its radius². With fixed seeds this converges in ~10
 * rounds; the balanced growth (region-growing.ts) suits seeds that may move.
 */
import {
  withLocalIndex,
  type AtomGraph,
  type GrowRegionsInput,
  type GrownRegions,
  type GrowScratch,
} from './region-growing.js';

export function growWeightedRegions(input: GrowRegionsInput, scratch: GrowScratch): GrownRegions {
  if (input.recenter) throw new Error('weighted growth keeps its seeds fixed');
  return withLocalIndex(input, scratch, (seeds) => {
    const { graph, members, targets, mass, iterations } = input;
    const m = members.length;
    const k = seeds.length;
    const targetTotal = targets.reduce((s, t) => s + t, 0);
    let memberMass = 0;
    for (let i = 0; i < m; i++) memberMass += mass[members[i]!]!;
    const scaledTargets = targets.map((t) => (t / targetTotal) * memberMass);
    // Mass grows roughly with weight², so start each weight at √(relative target).
    const weights = Float64Array.from(scaledTargets, (t) => Math.sqrt(t / (memberMass / k)));
    const labels = new Int32Array(m);
    const dist = new Float64Array(m);
    for (let iter = 0; ; iter++) {
      runDijkstra(graph, members, scratch.localIndex, seeds, weights, labels, dist, scratch);
      const masses = new Array<number>(k).fill(0);
      for (let i = 0; i < m; i++) masses[labels[i]!]! += mass[members[i]!]!;
      if (iter >= iterations) return { labels, seeds: seeds.map((li) => members[li]!), masses };
      for (let r = 0; r < k; r++) {
        const ratio = scaledTargets[r]! / Math.max(masses[r]!, 1e-9);
        weights[r]! *= Math.min(1.5, Math.max(0.67, Math.sqrt(ratio)));
      }
    }
  });
}

/**
 * One multi-source run. The binary heap is inlined over typed arrays (lazy deletion,
 * ties broken by the smaller local index): this loop is most of the generator's time.
 */
function runDijkstra(
  graph: AtomGraph,
  members: ArrayLike<number>,
  local: Int32Array,
  seeds: readonly number[],
  weights: Float64Array,
  labels: Int32Array,
  dist: Float64Array,
  scratch: GrowScratch,
): void {
  const m = members.length;
  const { adjStart, adjList, adjLength } = graph;
  dist.fill(Infinity);
  labels.fill(-1);
  const capacity = seeds.length + adjList.length;
  if (scratch.heapKeys.length < capacity) {
    scratch.heapKeys = new Float64Array(capacity);
    scratch.heapNodes = new Int32Array(capacity);
  }
  const keys = scratch.heapKeys;
  const nodes = scratch.heapNodes;
  let size = 0;
  const push = (key: number, node: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && nodes[parent]! < node)) break;
      keys[i] = pk;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  };
  for (let r = 0; r < seeds.length; r++) {
    dist[seeds[r]!] = 0;
    labels[seeds[r]!] = r;
    push(0, seeds[r]!);
  }
  const settled = new Uint8Array(m);
  let settledCount = 0;
  while (size > 0) {
    const d = keys[0]!;
    const li = nodes[0]!;
    // Pop: move the last entry down from the root.
    size--;
    if (size > 0) {
      const lastKey = keys[size]!;
      const lastNode = nodes[size]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        const r = c + 1;
        if (r < size && (keys[r]! < keys[c]! || (keys[r] === keys[c] && nodes[r]! < nodes[c]!))) c = r;
        const ck = keys[c]!;
        if (lastKey < ck || (lastKey === ck && lastNode < nodes[c]!)) break;
        keys[i] = ck;
        nodes[i] = nodes[c]!;
        i = c;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    if (settled[li] || d > dist[li]!) continue;
    settled[li] = 1;
    settledCount++;
    const label = labels[li]!;
    const w = weights[label]!;
    const atom = members[li]!;
    const end = adjStart[atom + 1]!;
    for (let e = adjStart[atom]!; e < end; e++) {
      const lj = local[adjList[e]!]!;
      if (lj < 0 || settled[lj]) continue;
      const nd = d + adjLength[e]! / w;
      if (nd < dist[lj]!) {
        dist[lj] = nd;
        labels[lj] = label;
        push(nd, lj);
      }
    }
  }
  if (settledCount !== m)
    throw new Error(`region growth: ${m - settledCount} atoms unreachable; members are not connected`);
}
