/**
 * `npx tsx scripts/bench/grid-change.ts [--database-url URL | --data-dir DIR] [--warm-up] [--runs 20]`
 * Validation + impact of one edit (a split) in a village of 10 grids, through the same code as
 * proposeGridChange, and the turf mirror per drag step. With --database-url it uses that
 * database (e.g. citybench); without, a fresh embedded database with the tiny demo city
 * (generated and loaded first, ~30 s). The 10-grid village is made by splitting a village's
 * largest grid inside a transaction that is rolled back: the database is left as it was.
 * `--data-dir DIR` keeps the embedded database in DIR (loaded on the first call), so a later call
 * opens it as a restarted server does: an engine that has run no spatial code yet. `--warm-up`
 * runs the server start's spatial warm-up (server/src/db/warm-up.ts) before the first judgement.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from '../../server/src/seed/demo-city/generate.js';
import type { Queryable } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import { openDatabase } from '../../server/src/db/open.js';
import { warmUpSpatial } from '../../server/src/db/warm-up.js';
import { findPlanningVillage } from '../../server/src/db/queries/grid-change-history.js';
import { splitPolygon } from '../../server/src/db/queries/grid-changes.js';
import { checkPartitionPlanar } from '../../server/src/domain/grid-planning/mirror.js';
import { DEFAULT_PLANNING_SETTINGS } from '../../server/src/domain/grid-planning/rules.js';
import { judgeProposal } from '../../server/src/planning/judge.js';
import { loadDataset } from '../../server/src/loader/load-dataset.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'warm-up': { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
  },
});
const runs = Number(values.runs);
let db;
if (values['database-url']) db = await openDatabase({ databaseUrl: values['database-url'] });
else {
  db = await openDatabase({ dataDir: values['data-dir'] });
  await migrate(db);
  const loaded = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM admin_units')).rows[0]!.n > 0;
  if (!loaded) {
    const dir = await mkdtemp(join(tmpdir(), 'grid-bench-'));
    await generateDataset({ scale: 'tiny', seed: 20260630, asOf: '2026-06-30', outDir: join(dir, 'tiny') });
    await loadDataset(db, join(dir, 'tiny'));
  }
  console.log(
    `embedded database ${values['data-dir'] ? `in ${values['data-dir']}` : 'in memory'}, ${loaded ? 'opened as it was' : 'demo city loaded in this process'}`,
  );
}
await migrate(db);
if (values['warm-up']) {
  const warm = await warmUpSpatial(db);
  console.log(
    warm.ran
      ? `spatial warm-up: ${warm.durationMs.toFixed(1)} ms${warm.failed.length ? `, failed: ${warm.failed.join(', ')}` : ''}`
      : 'spatial warm-up: not needed on this driver',
  );
}

// Nearest-rank percentiles: with 10 runs the p95 is the slowest run.
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(1);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
};
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
/** The first run apart: it pays for the embedded engine compiling GEOS's code on first use. */
const coldAndWarm = (ms: number[]) =>
  `first run ${ms[0]!.toFixed(1)} ms; runs 2–${ms.length}: ${ms.length > 1 ? stats(ms.slice(1)) : 'none'}; all runs: ${stats(ms)}`;

type Grid = { code: string | null; geometry: any };
async function partition(tx: Queryable, villageCode: string): Promise<Grid[]> {
  const { rows } = await tx.query<{ code: string; g: string }>(
    `SELECT code, ST_AsGeoJSON(geom, 15) AS g FROM grids WHERE village_code = $1 AND valid_to IS NULL ORDER BY code`,
    [villageCode],
  );
  return rows.map((r) => ({ code: r.code, geometry: JSON.parse(r.g) }));
}

/** Splits the largest grid of the list north–south through its middle. */
async function splitLargest(tx: Queryable, grids: Grid[]): Promise<Grid[]> {
  const areas = await tx.query<{ i: number }>(
    `SELECT (ord - 1)::int AS i FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY t(g, ord)
     ORDER BY ST_Area(ST_GeomFromGeoJSON(g::text)) DESC LIMIT 1`,
    [JSON.stringify(grids.map((g) => g.geometry))],
  );
  const i = areas.rows[0]!.i;
  const xs = grids[i]!.geometry.coordinates[0].map((p: number[]) => p[0]);
  const ys = grids[i]!.geometry.coordinates[0].map((p: number[]) => p[1]);
  const x = (Math.min(...xs) + Math.max(...xs)) / 2;
  const line = {
    type: 'LineString',
    coordinates: [
      [x, Math.min(...ys) - 0.01],
      [x, Math.max(...ys) + 0.01],
    ],
  };
  const pieces = (await splitPolygon(tx, grids[i]!.geometry, line)).map((p) => JSON.parse(p));
  const out = grids.map((g, k) => (k === i ? { code: g.code, geometry: pieces[0] } : g));
  for (const p of pieces.slice(1)) out.push({ code: null, geometry: p });
  return out;
}

class Rollback extends Error {}
await db
  .transaction(async (tx) => {
    const villageCode = (
      await tx.query<{ v: string }>(
        `SELECT village_code AS v FROM grids WHERE valid_to IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      )
    ).rows[0]!.v;
    const village = (await findPlanningVillage(tx, villageCode))!;
    let grids = await partition(tx, villageCode);
    while (grids.length < 10) grids = await splitLargest(tx, grids);
    // Make those 10 grids the village's current grids (inside this transaction only).
    await tx.query(`UPDATE grids SET valid_to = now() WHERE village_code = $1 AND valid_to IS NULL`, [villageCode]);
    await tx.query(
      `INSERT INTO grids (code, version, village_code, name, kind, households, population, staff, geom, valid_from)
       SELECT $1 || lpad((900 + ord)::text, 3, '0'), 1, $1, 'bench ' || ord, 'comprehensive', 300, 900,
         '{"head":1,"workers":1,"volunteers":0}', ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4326), now()
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY t(g, ord)`,
      [villageCode, JSON.stringify(grids.map((g) => g.geometry))],
    );
    const current = await partition(tx, villageCode);
    const edit = await splitLargest(tx, current);
    // The index before/after of the last month closed by the data's last case, as a planner would
    // see it the day after the data (for a demo, the publishing horizon picks the same month).
    const lastCase = (await tx.query<{ at: Date }>('SELECT max(reported_at) AS at FROM cases')).rows[0]!.at;
    const indexAt = new Date(lastCase.getTime() + 86_400_000);
    const times: number[] = [];
    let issues = 0;
    let indexed = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const judged = await judgeProposal(tx, village, edit, DEFAULT_PLANNING_SETTINGS, undefined, { indexAt });
      indexed = judged.impact?.index?.length ?? 0;
      times.push(performance.now() - t);
      issues = judged.issues.filter((i) => i.severity === 'error').length;
    }
    console.log(
      `driver ${db.kind}; village ${villageCode} with ${current.length} grids; edit: split → ${edit.length} grids`,
    );
    console.log(
      `validation + impact with the index of ${indexed} grids (${runs} runs, ${issues} errors): ${coldAndWarm(times)}`,
    );

    // The index query reads the village's cases of the month: time it where there are the most.
    const busiest = (
      await tx.query<{ v: string; n: number }>(
        `SELECT village_code AS v, count(*)::int AS n FROM cases WHERE reported_at >= $1::timestamptz - interval '31 days'
         AND reported_at < $1::timestamptz GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
        [indexAt],
      )
    ).rows[0]!;
    const busyVillage = (await findPlanningVillage(tx, busiest.v))!;
    const busyEdit = await splitLargest(tx, await partition(tx, busiest.v));
    const busyTimes: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      await judgeProposal(tx, busyVillage, busyEdit, DEFAULT_PLANNING_SETTINGS, undefined, { indexAt });
      busyTimes.push(performance.now() - t);
    }
    console.log(
      `the same for village ${busiest.v} (${busiest.n} cases in the 31 days before ${indexAt.toISOString().slice(0, 10)}, split → ${busyEdit.length} grids): ${stats(busyTimes)}`,
    );

    const villageGeo = JSON.parse(
      (
        await tx.query<{ g: string }>('SELECT ST_AsGeoJSON(geom, 15) AS g FROM admin_units WHERE code = $1', [
          villageCode,
        ])
      ).rows[0]!.g,
    );
    // A copy: the lone vertices moved below must not stay moved for the shared-vertex drag after.
    const mirrorGrids = current.map((g) => ({ coordinates: structuredClone(g.geometry.coordinates), households: 300 }));
    const vertices = mirrorGrids.reduce((n, g) => n + g.coordinates[0].length, 0);
    // CPU time too: on a machine shared with other work, wall time also counts waits for a core.
    const drag: number[] = [];
    const dragCpu: number[] = [];
    for (let step = 0; step < 200; step++) {
      // Worst case: one vertex of one grid alone, which opens a gap or an overlap every step.
      const g = mirrorGrids[step % mirrorGrids.length]!;
      const ring = g.coordinates[0]!;
      ring[1] = [ring[1]![0]! + (step % 2 ? 1e-6 : -1e-6), ring[1]![1]!];
      const t = performance.now();
      const c = process.cpuUsage();
      checkPartitionPlanar(villageGeo, mirrorGrids, DEFAULT_PLANNING_SETTINGS);
      drag.push(performance.now() - t);
      dragCpu.push(cpuSince(c));
    }
    console.log(
      `turf mirror per drag step, one grid's vertex alone (${current.length} grids, ${vertices} vertices, 200 steps): ${stats(drag.slice(10))}; CPU time ${stats(dragCpu.slice(10))}`,
    );
    // As the planner drags: a vertex shared by two grids moves in both (the partition stays exact).
    const fresh = current.map((g) => ({ coordinates: structuredClone(g.geometry.coordinates), households: 300 }));
    const sharedVertices: { grid: number; at: number }[][] = [];
    const seen = new Map<string, { grid: number; at: number }[]>();
    fresh.forEach((g, grid) =>
      g.coordinates[0].slice(0, -1).forEach((p: number[], at: number) => {
        const key = `${p[0]},${p[1]}`;
        seen.set(key, [...(seen.get(key) ?? []), { grid, at }]);
      }),
    );
    // Vertices inside the village shared by exactly two grids with the same neighbours in both
    // (so each edge moved is all of a shared edge), none lying on a third grid's edge or on the
    // village's edge: moving others (the ends of a split line) opens a gap every step.
    const villageRings: number[][][] = (
      villageGeo.type === 'Polygon' ? [villageGeo.coordinates] : villageGeo.coordinates
    ).flat();
    const rings = [...villageRings, ...fresh.map((g) => g.coordinates[0] as number[][])];
    const onEdge = (p: number[], ring: number[][]) =>
      ring.some((a, k) => {
        const b = ring[k + 1];
        if (!b) return false;
        const cross = (b[0]! - a[0]!) * (p[1]! - a[1]!) - (b[1]! - a[1]!) * (p[0]! - a[0]!);
        const dot = (p[0]! - a[0]!) * (b[0]! - a[0]!) + (p[1]! - a[1]!) * (b[1]! - a[1]!);
        const length2 = (b[0]! - a[0]!) ** 2 + (b[1]! - a[1]!) ** 2;
        return Math.abs(cross) <= 1e-11 * Math.sqrt(length2) && dot >= 0 && dot <= length2;
      });
    const neighbours = ({ grid, at }: { grid: number; at: number }) => {
      const ring = fresh[grid]!.coordinates[0] as number[][];
      const n = ring.length - 1;
      return [ring[(at + n - 1) % n]!, ring[(at + 1) % n]!].map((p) => `${p[0]},${p[1]}`).sort();
    };
    for (const [key, places] of seen) {
      if (places.length !== 2) continue;
      if (neighbours(places[0]!).join('|') !== neighbours(places[1]!).join('|')) continue;
      const p = key.split(',').map(Number);
      // The village's rings and the rings of the grids other than the two sharing the vertex.
      const others = rings.filter((_, r) => !places.some((x) => x.grid === r - villageRings.length));
      if (!others.some((ring) => onEdge(p, ring))) sharedVertices.push(places);
    }
    let stepsWithErrors = 0;
    const sharedDrag: number[] = [];
    const sharedCpu: number[] = [];
    for (let step = 0; step < 200 && sharedVertices.length > 0; step++) {
      const places = sharedVertices[step % sharedVertices.length]!;
      const d = step % 2 ? 2e-6 : -2e-6;
      for (const { grid, at } of places) {
        const ring = fresh[grid]!.coordinates[0];
        const moved = [ring[at][0] + d, ring[at][1] + d];
        ring[at] = moved;
        if (at === 0) ring[ring.length - 1] = moved;
      }
      const t = performance.now();
      const c = process.cpuUsage();
      const checked = checkPartitionPlanar(villageGeo, fresh, DEFAULT_PLANNING_SETTINGS);
      sharedDrag.push(performance.now() - t);
      sharedCpu.push(cpuSince(c));
      if (checked.issues.some((i) => i.severity === 'error')) stepsWithErrors++;
    }
    console.log(
      `turf mirror per drag step, a shared vertex moved in both grids (${sharedVertices.length} shared vertices, 200 steps, ${stepsWithErrors} with errors): ${stats(sharedDrag.slice(10))}; CPU time ${stats(sharedCpu.slice(10))}`,
    );
    throw new Rollback();
  })
  .catch((e) => {
    if (!(e instanceof Rollback)) throw e;
  });
await db.close();
