/**
 * `node --expose-gc --import tsx scripts/bench/basemap-warm.ts --database-url URL [--runs 3]`
 * What the basemap's warm-up costs a server at start: every document built (style, boundaries,
 * roads, unit places) and the vector tiles' index made and its tiles cut up to zoom 10. Each run
 * uses a fresh basemap on the same database (the last one, unreachable, is collected before it
 * starts): time, and the JavaScript heap and the buffers (the documents and tiles, outside the
 * heap) after a garbage collection, against before. The first run also loads the code it runs.
 */
import { parseArgs } from 'node:util';
import { createBasemap } from '../../server/src/basemap/router.js';
import { openDatabase } from '../../server/src/db/open.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run it with node --expose-gc (see the header)');

const db = await openDatabase({ databaseUrl: values['database-url'], dataDir: values['data-dir'] });
for (let run = 1; run <= Number(values.runs); run++) {
  const basemap = createBasemap({ db, pmtilesPath: null });
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  await basemap.warm();
  const ms = performance.now() - started;
  gc();
  const after = process.memoryUsage();
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(
    `run ${run}: warm-up ${Math.round(ms)} ms; heap +${mb(after.heapUsed - before.heapUsed)} MB, buffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB`,
  );
}
await db.close();
