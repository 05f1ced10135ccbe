/**
 * Command line for the demo-city generator:
 *   tsx scripts/generate-demo.ts --scale tiny|city --seed 42 --as-of 2026-11-22 --out data/demo/tiny
 * Prints the counts written and the wall time. A data set of today is as of now (see generate.ts).
 */
import { parseArgs } from 'node:util';
import { generateDataset, type DemoScale } from '../server/src/seed/demo-city/generate.js';

function fail(message: string): never {
  console.error(message);
  console.error('usage: tsx scripts/generate-demo.ts --scale tiny|city --seed 42 --as-of YYYY-MM-DD --out DIR');
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'tiny' },
      seed: { type: 'string', default: '42' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const scale = values.scale;
  if (scale !== 'tiny' && scale !== 'city') fail(`--scale must be tiny or city, got "${scale}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, got "${values.seed}"`);
  const asOf = values['as-of'];
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) fail('--as-of YYYY-MM-DD is required');
  const outDir = values.out ?? `data/demo/${scale}`;

  const started = performance.now();
  const manifest = await generateDataset({ scale: scale as DemoScale, seed, asOf, now: new Date(), outDir });
  const seconds = (performance.now() - started) / 1000;
  console.log(`demo city (${scale}, seed ${seed}, as of ${asOf}) written to ${outDir}`);
  for (const [layer, count] of Object.entries({ ...manifest.counts, ...manifest.optional_counts })) {
    console.log(`  ${layer.padEnd(12)} ${String(count).padStart(8)}`);
  }
  console.log(`  wall time    ${seconds.toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
