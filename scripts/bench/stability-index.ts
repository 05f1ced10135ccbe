/**
 * `npx tsx scripts/bench/stability-index.ts [--database-url URL | --data-dir DIR] [--runs 3]`
 * The stability index at city scale: one month for all 12,864 grids and every level above them
 * (gather counts + score; and the same published in a transaction that is rolled back, so the
 * append-only tables keep nothing), and Gi* over every grid (the math alone, and the whole
 * hotspots analysis with its two queries), with the gathering query and the scoring also timed
 * alone. The database must hold the city demo; it is migrated first. For an embedded city
 * database: `npx tsx scripts/bench/measure-phase.ts --phase load-embedded --dir <city data set>
 * --scale city --data-dir DIR` builds one (the data set from `npm run generate -- --scale city`).
 */
import { parseArgs } from 'node:util';
import { migrate } from '../../server/src/db/migrate.js';
import { openDatabase } from '../../server/src/db/open.js';
import { ensureGridNeighbours, countCasesPerGrid, findGridNeighbours } from '../../server/src/db/queries/hotspots.js';
import { giStar } from '../../server/src/domain/hotspots/getis-ord.js';
import { periodContaining, samePeriodLastYear } from '../../server/src/domain/index/periods.js';
import { analyseHotspots } from '../../server/src/stability/analysis.js';
import { findGridCounts } from '../../server/src/db/queries/stability-index.js';
import { scorePeriod } from '../../server/src/domain/index/period-scores.js';
import { CURRENT_WEIGHTS } from '../../server/src/domain/index/weights.js';
import { computePeriod, publishPeriod, toRawCounts } from '../../server/src/stability/publish.js';
import { timeRuns } from './support.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    runs: { type: 'string', default: '3' },
    month: { type: 'string', default: '2026-10-15T12:00:00+08:00' },
  },
});
const runs = Number(values.runs);
const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
await migrate(db);
const grids = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids WHERE valid_to IS NULL')).rows[0]!.n;
console.log(`${db.kind} database; ${grids} current grids; node ${process.version}; ${new Date().toISOString()}`);

const time = <T>(label: string, work: () => Promise<T> | T) => timeRuns(label, runs, work, 44);

const month = periodContaining('month', new Date(values.month));
// The phases alone: the one gathering query, the domain scoring, and writing the snapshots.
const rows = await time(`index ${month.kind} ${month.start}: gather (SQL)`, () =>
  db.transaction((tx) => findGridCounts(tx, month, samePeriodLastYear(month))),
);
const grid = new Map(rows.map((r) => [r.grid_code, toRawCounts(r)]));
await time('index: score (domain)', async () => scorePeriod(grid, month.days, CURRENT_WEIGHTS));
const units = await time(`index ${month.kind} ${month.start}: gather + score`, () =>
  db.transaction((tx) => computePeriod(tx, month)),
);
console.log(`  scored ${units.length} grids and units`);
class Rollback extends Error {}
await time('index: gather + score + publish (rolled back)', async () => {
  try {
    await db.transaction(async (tx) => {
      const r = await publishPeriod(db, month, { publishedBy: 'bench', reason: 'benchmark', now: new Date() }, tx);
      if (!r.ok) throw new Error(r.error.message);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
});

const rebuilt = await time('grid neighbours: ensure (first run rebuilds)', () => ensureGridNeighbours(db));
void rebuilt;
const from = new Date('2025-11-01T00:00:00+08:00');
const to = new Date('2026-11-01T00:00:00+08:00');
const counts = await countCasesPerGrid(db, '3717', from, to, null);
const index = new Map(counts.map((c, i) => [c.grid_code, i]));
const lists: number[][] = counts.map(() => []);
for (const [a, b] of await findGridNeighbours(db, '3717')) lists[index.get(a)!]!.push(index.get(b)!);
const values_ = counts.map((c) => c.count);
const t = performance.now();
for (let i = 0; i < 10; i++) giStar(values_, lists);
console.log(`${'Gi* math over all grids (mean of 10)'.padEnd(44)} ${((performance.now() - t) / 10).toFixed(1)} ms`);
await time('hotspots: city, one year (queries + Gi*)', () => analyseHotspots(db, '3717', from, to, null, true));
await db.close();
