/**
 * Generating the demo data set in a worker thread. The generator is CPU-bound JavaScript and
 * the embedded database's first setup keeps the main thread busy as long; on a first start the
 * two run side by side, and {@link seedDemo} then finds the data set in its cache.
 */
import { Worker } from 'node:worker_threads';
import type { DemoOptions } from './demo-data.js';

/** Resolves with the data set's folder; rejects with the worker's error. */
export function generateDemoInWorker(options: Omit<DemoOptions, 'now'> & { now?: Date }): Promise<string> {
  // A worker does not inherit tsx's module hooks: it registers them before loading the source.
  const source = JSON.stringify(new URL('./demo-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); })`;
  const worker = new Worker(boot, { eval: true, workerData: options });
  return new Promise((done, fail) => {
    worker.once('message', (dir: string) => done(dir));
    worker.once('error', fail);
    worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`the demo generator's worker exited with code ${code}`));
    });
  });
}
