/**
 * Generates a demo data set (cached on disk by scale, seed and day) and loads it.
 * Used by `npm run seed` and by the first start on an empty database.
 */
import { access, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDataset } from './demo-city/generate.js';
import type { Database } from '../db/database.js';
import { loadDataset, type LoadResult } from '../loader/load-dataset.js';
import { publishHistory } from '../stability/backfill.js';

export interface DemoOptions {
  scale: 'tiny' | 'city';
  seed: number;
  asOf: string;
  /** Folder under which generated data sets are kept. */
  cacheDir: string;
  /**
   * The clock the data set is generated as of (when it falls on the as-of day) and the index
   * history is published by (default: the real one).
   */
  now?: Date;
}

export async function generateDemoDataset(options: DemoOptions): Promise<string> {
  const dir = join(options.cacheDir, `${options.scale}-${options.seed}-${options.asOf}`);
  const ready = await access(join(dir, 'manifest.json')).then(
    () => true,
    () => false,
  );
  // A set cached earlier today is as of an earlier moment: still nothing in the future.
  if (!ready) {
    // Generate beside it and rename, so an interrupted run never leaves a half data set.
    const partial = `${dir}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    const now = options.now ?? new Date();
    await generateDataset({ scale: options.scale, seed: options.seed, asOf: options.asOf, now, outDir: partial });
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
  }
  return dir;
}

export async function seedDemo(db: Database, options: DemoOptions): Promise<LoadResult & { dir: string }> {
  const dir = await generateDemoDataset(options);
  const loaded = await loadDataset(db, dir);
  // The index history the data covers (up to its as-of day), so the review screen and the wall's
  // trend show something on the first start; published as 'seed' by the normal service.
  await publishHistory(db, options.now ?? new Date());
  return { ...loaded, dir };
}
