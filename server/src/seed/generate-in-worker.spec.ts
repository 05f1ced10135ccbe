import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoDataset } from './demo-data.js';
import { generateDemoInWorker } from './generate-in-worker.js';

async function digest(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).sort();
  const sums: Record<string, string> = {};
  for (const file of files)
    sums[file] = createHash('sha256')
      .update(await readFile(join(dir, file)))
      .digest('hex');
  return sums;
}

describe('generating the demo in a worker thread', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes the same data set, byte for byte, as generating it in the main thread', async () => {
    const options = { scale: 'tiny' as const, seed: 7, asOf: '2026-06-30', now: new Date('2026-06-30T02:00:00Z') };
    const inWorker = await mkdtemp(join(tmpdir(), 'demo-worker-'));
    const inMain = await mkdtemp(join(tmpdir(), 'demo-main-'));
    dirs.push(inWorker, inMain);
    const a = await generateDemoInWorker({ ...options, cacheDir: inWorker });
    const b = await generateDemoDataset({ ...options, cacheDir: inMain });
    expect(a.startsWith(inWorker)).toBe(true);
    const sums = await digest(a);
    expect(Object.keys(sums)).toContain('manifest.json');
    expect(sums).toEqual(await digest(b));
  }, 120_000);

  it("rejects with the generator's error instead of hanging", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-worker-'));
    dirs.push(dir);
    await expect(
      generateDemoInWorker({ scale: 'nowhere' as 'tiny', seed: 7, asOf: '2026-06-30', cacheDir: dir }),
    ).rejects.toThrow();
  }, 60_000);
});
