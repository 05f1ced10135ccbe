/**
 * The browser tests need the built web app (dist/web, which the server serves): built here
 * when it is missing or older than any web source, else reused.
 */
import { execFileSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function newest(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newest(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

export async function ensureWebBuild(root = process.cwd()): Promise<'built' | 'reused'> {
  const index = join(root, 'dist', 'web', 'index.html');
  const built = await stat(index).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newest(join(root, 'web')),
    await newest(join(root, 'vite.config.ts')),
    await newest(join(root, 'package-lock.json')),
  );
  if (built > sources) return 'reused';
  // A child process: inside vitest NODE_ENV is 'test', and a build that sees it ships React's
  // development build (several times slower), which `npm start` would then reuse.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return 'built';
}
