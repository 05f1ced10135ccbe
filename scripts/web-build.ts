/** Whether dist/web is out of date, and building it (the `vite build` of the web app). */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/web is missing or older than web/ or the Vite configuration. */
export function webBuildIsStale(): boolean {
  let builtAt = 0;
  try {
    builtAt = statSync('dist/web/index.html').mtimeMs;
  } catch {
    // not built yet
  }
  return builtAt < Math.max(newestMtime('web'), statSync('vite.config.ts').mtimeMs);
}

/** Runs `vite build` in a child process; resolves when it succeeded, rejects naming its exit code. */
export function buildWeb(): Promise<void> {
  const child = spawn('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`vite build exited with code ${code}`))));
  });
}
