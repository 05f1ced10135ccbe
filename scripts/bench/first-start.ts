/**
 * `npx tsx scripts/bench/first-start.ts [--runs 1] [--port 4610]`
 *
 * What a visitor's first `npm start` costs: a fresh clone of this repository's HEAD (its
 * node_modules linked to this checkout's, as after `npm install`), `npm start` on an empty data
 * directory, timed until `/healthz` says the data are loaded; each line the server prints is
 * stamped with the seconds since the start, so the slow stage shows. Prints one summary line a
 * run. Measure on a quiet machine: the figure is CPU-bound.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '1' }, port: { type: 'string', default: '4610' } },
});
const repo = resolve('.');
const port = Number(values.port);

async function healthy(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    const body = (await res.json()) as { data?: { loaded?: boolean } };
    return res.ok && body.data?.loaded === true;
  } catch {
    return false;
  }
}

async function oneRun(run: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'first-start-'));
  try {
    execFileSync('git', ['clone', '--quiet', repo, dir]);
    await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'));
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1).padStart(5);
    const child = spawn('npm', ['start'], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), DATA_DIR: join(dir, 'data'), DATABASE_URL: '', NODE_ENV: '' },
      detached: true,
    });
    const stamp = (chunk: Buffer) => {
      for (const line of chunk
        .toString()
        .split('\n')
        .filter((l) => l.trim()))
        console.log(`  ${seconds()} s  ${line}`);
    };
    child.stdout.on('data', stamp);
    child.stderr.on('data', stamp);
    while (!(await healthy())) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before it was healthy`);
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(`run ${run}: healthy with the demo loaded after ${seconds().trim()} s`);
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  } finally {
    // The server may still be closing its files when npm has exited.
    await rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 });
  }
}

console.log(`first start of a fresh clone of ${repo}; node ${process.version}`);
for (let run = 1; run <= Number(values.runs); run += 1) await oneRun(run);
