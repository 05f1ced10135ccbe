import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { openEmbedded } from './embedded.js';
import { EMBEDDED_MIGRATED_DUMP } from '../../test/fixtures.js';

let root: string;
let dir: string;
const locks: DataDirLock[] = [];
const children: ChildProcess[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'zz-lock-'));
  dir = join(root, 'pg');
});
afterEach(async () => {
  for (const lock of locks.splice(0)) lock.release();
  for (const child of children.splice(0)) child.kill();
  await rm(root, { recursive: true, force: true });
});

/** Another process, running until the test ends. */
async function otherProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** The PID of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

const writeLock = (owner: object) => writeFile(`${dir}.lock`, JSON.stringify(owner));

it('refuses a directory another running process holds, naming that process and its PID', async () => {
  const pid = await otherProcess();
  await writeLock({ pid, label: 'the server', identity: null });

  const refused = await lockDataDir(dir, 'an import').catch((e: unknown) => e);

  expect(refused).toBeInstanceOf(DataDirLockedError);
  expect((refused as Error).message).toBe(
    `the embedded database ${dir} is in use by the server (PID ${pid}); only one process at a time may open it`,
  );
  expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8'))).toMatchObject({ pid });
});

it('takes over the lock of a process that is gone', async () => {
  await writeLock({ pid: await deadPid(), label: 'the server', identity: null });

  locks.push(await lockDataDir(dir, 'an import'));

  expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, label: 'an import' });
});

it.runIf(existsSync('/proc/self/stat'))(
  'takes over a lock whose PID now belongs to a process started later',
  async () => {
    await writeLock({ pid: await otherProcess(), label: 'the server', identity: 'an earlier boot/12345' });

    locks.push(await lockDataDir(dir, 'an import'));

    expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
  },
);

it('takes over a lock file that names no process', async () => {
  await writeFile(`${dir}.lock`, 'not json');

  locks.push(await lockDataDir(dir, 'an import'));

  expect(JSON.parse(await readFile(`${dir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
});

it('is removed when its process exits without closing, even on an uncaught error', async () => {
  const script =
    `const { lockDataDir } = await import(${JSON.stringify(join(import.meta.dirname, 'data-dir-lock.ts'))});` +
    `await lockDataDir(${JSON.stringify(dir)}, 'a script');` +
    `if (!(await import('node:fs')).existsSync(${JSON.stringify(`${dir}.lock`)})) process.exit(9);` +
    "throw new Error('crash');";
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'ignore' });
  const code = await new Promise((resolve) => child.once('exit', resolve));

  expect(code).toBe(1);
  expect(existsSync(`${dir}.lock`)).toBe(false);
});

it('refuses a second open in the same process, and lets a later open in once the first is closed', async () => {
  const snapshot = new Blob([await readFile(EMBEDDED_MIGRATED_DUMP)]);
  const first = await openEmbedded({ dataDir: dir, snapshot, label: 'the server' });
  try {
    await expect(openEmbedded({ dataDir: dir })).rejects.toThrow(`in use by the server (PID ${process.pid})`);
  } finally {
    await first.close();
  }
  expect(existsSync(`${dir}.lock`)).toBe(false);

  const later = await openEmbedded({ dataDir: dir });
  try {
    expect((await later.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(existsSync(`${dir}.lock`)).toBe(true);
  } finally {
    await later.close();
  }
});
