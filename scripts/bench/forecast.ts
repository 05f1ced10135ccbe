/**
 * `npx tsx scripts/bench/forecast.ts [--database-url URL | --data-dir DIR] [--as-of ISO] [--unit CODE] [--runs 3]`
 * The grid forecast at city scale, read only: the one-snapshot read of its inputs, fit +
 * forecast for every grid (7 and 28 days), and the 12-origin backtest, each timed; then the
 * backtest's skill beside the baselines. Nothing is written: where grid_neighbours is not
 * built the read finds the neighbours on the fly (timed apart, as the service builds the table
 * once and reads it after).
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/src/db/open.js';
import { readForecastFingerprint, readForecastInputs } from '../../server/src/db/queries/forecast-inputs.js';
import type { SkillFigures } from '../../server/src/domain/forecast/backtest.js';
import { shanghaiDayOf, startOfShanghaiDay } from '../../server/src/domain/forecast/counts.js';
import { lookbackDays } from '../../server/src/domain/forecast/model.js';
import {
  backtestFromInputs,
  backtestLookbackDays,
  forecastFromInputs,
  forecastUnit,
  indexInputs,
} from '../../server/src/forecast/service.js';
import { stopFitThread } from '../../server/src/forecast/fit-thread.js';
import { jurisdictionPrefix } from '../../server/src/auth/jurisdiction.js';
import { timeRuns } from './support.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'as-of': { type: 'string', default: '2026-12-07T00:00:00+08:00' },
    unit: { type: 'string', default: '371700000000' },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
const asOf = new Date(values['as-of']);
const origin = shanghaiDayOf(asOf);
const prefix = jurisdictionPrefix(values.unit);
const built = (await db.query<{ b: boolean }>('SELECT EXISTS (SELECT 1 FROM grid_neighbours_built) AS b')).rows[0]!.b;
console.log(
  `${db.kind} database; unit ${values.unit}; as of ${asOf.toISOString()}; node ${process.version}; ${new Date().toISOString()}`,
);
console.log(`grid_neighbours ${built ? 'built: read from the table' : 'not built: found on the fly in each read'}`);

const time = <T>(label: string, work: () => Promise<T> | T) => timeRuns(label, runs, work);

const read = (days: number) =>
  readForecastInputs(db, prefix, startOfShanghaiDay(origin - days), startOfShanghaiDay(origin));
if (!built) {
  await time('neighbours alone (spatial join, read only)', () =>
    db.query(
      `SELECT count(*) FROM grids a JOIN grids b ON a.valid_to IS NULL AND b.valid_to IS NULL AND a.code <> b.code
       AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom) WHERE a.code LIKE $1 AND b.code LIKE $1`,
      [`${prefix}%`],
    ),
  );
}
for (const horizonDays of [7, 28]) {
  const rows = await time(`read inputs (H = ${horizonDays}, one snapshot)`, () => read(lookbackDays(horizonDays)));
  const prepared = indexInputs(rows, origin);
  const f = await time(`fit + forecast ${rows.grids.length} grids, H = ${horizonDays}`, () =>
    forecastFromInputs(prepared, { unitCode: values.unit, asOf, horizonDays, category: null }),
  );
  if (!f.ok) throw new Error(JSON.stringify(f.error));
  const m = f.value.model;
  console.log(
    `  ${rows.counts.length} count rows; dispersion ${m.dispersion.toFixed(3)}; coefficients ` +
      Object.entries(m.coefficients)
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', '),
  );
  const total = f.value.grids.reduce((s, g) => s + g.expected, 0);
  console.log(`  expected cases in the unit over the horizon: ${total.toFixed(0)}`);
  const c = await time(`fit + forecast, category neighbour (own model), H = ${horizonDays}`, () =>
    forecastFromInputs(prepared, { unitCode: values.unit, asOf, horizonDays, category: 'neighbour' }),
  );
  if (c.ok) console.log(`  basis ${c.value.basis}`);
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(3));
for (const horizonDays of [7, 28]) {
  const btRows = await time(`read inputs for the backtest (H = ${horizonDays})`, () =>
    read(backtestLookbackDays(horizonDays)),
  );
  const bt = await time(`backtest, 12 weekly origins, H = ${horizonDays}`, () =>
    backtestFromInputs(indexInputs(btRows, origin), { unitCode: values.unit, horizonDays }),
  );
  if (!bt.ok) throw new Error(JSON.stringify(bt.error));
  const r = bt.value;
  const line = (name: string, s: SkillFigures | null) =>
    console.log(
      `  ${name.padEnd(22)} MAE ${fmt(s?.mae)}  RMSE ${fmt(s?.rmse)}  cov80 ${fmt(s?.coverage80)}  cov95 ${fmt(s?.coverage95)}  ` +
        `PAI5 ${fmt(s?.pai5)}  PEI5 ${fmt(s?.pei5)}  PAI10 ${fmt(s?.pai10)}  PEI10 ${fmt(s?.pei10)}`,
    );
  console.log(
    `  skill over origins ${r.origins.map((o) => startOfShanghaiDay(o).toISOString().slice(0, 10)).join(' ')}`,
  );
  line('model', r.model);
  console.log(
    `  ${''.padEnd(22)} (intervals' own probability: 80 % → ${fmt(r.model.intervalProbability80)}, 95 % → ${fmt(r.model.intervalProbability95)})`,
  );
  line('same weeks last year', r.baselines.sameWeeksLastYear);
  line('last four weeks', r.baselines.lastFourWeeks);
  line('Gi* last four weeks', r.baselines.giStarHotSpots);
}
// The service as the wall's forecast layer calls it: the first call reads and fits (in the fit
// thread), a later one reads the inputs' fingerprint and serves the forecast made before.
if (built) {
  const request = { unitCode: values.unit, asOf, horizonDays: 7, category: null };
  await timeRuns('service, first call: fingerprint + read + fit in the thread (H = 7)', 1, () =>
    forecastUnit(db, request),
  );
  await time('service, inputs unchanged: fingerprint, forecast served again (H = 7)', () => forecastUnit(db, request));
  await time('fingerprint query alone', () =>
    readForecastFingerprint(db, prefix, startOfShanghaiDay(origin - lookbackDays(7)), startOfShanghaiDay(origin)),
  );
} else {
  console.log('service timings skipped: grid_neighbours is not built and the service would build it (a write)');
}
await stopFitThread();
await db.close();
