/**
 * One process at a time owns an embedded data directory: two PGlite engines writing the same
 * files corrupt them, and neither would notice. The owner holds a lock file beside the
 * directory (`<dir>.lock`) naming its process; a lock whose process is gone (a crash, a kill)
 * is taken over, so it never stays stuck.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

/** What a lock file says about its owner. */
export interface LockOwner {
  pid: number;
  /** Who the owner is, in words: "the server", "an import (npm run import)" … */
  label: string;
  /** Boot and start time of the process where the system tells them, to tell a reused PID apart. */
  identity: string | null;
}

/** The label the server process locks its data directory with. */
export const SERVER_LABEL = 'the server';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `the embedded database ${dataDir} is in use by ${owner.label} (PID ${owner.pid}); ` +
        'only one process at a time may open it',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still this one's; also done when the process exits. */
  release(): void;
}

/** Lock files this process holds: it must not open one directory twice either. */
const held = new Map<string, LockOwner>();

/** Linux's boot id and the process's start time in clock ticks since boot; null elsewhere. */
function identityOf(pid: number): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces; starttime is field 22.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start ? `${boot}/${start}` : null;
  } catch {
    return null;
  }
}

function isRunning(owner: LockOwner): boolean {
  // This PID is this process: the lock is a previous life's (a container restarted with the
  // same PID), since this process's own locks are in `held`.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = identityOf(owner.pid);
  return owner.identity === null || now === null || owner.identity === now;
}

function parse(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return Number.isSafeInteger(owner.pid) && typeof owner.label === 'string'
      ? { pid: owner.pid!, label: owner.label, identity: owner.identity ?? null }
      : null;
  } catch {
    return null;
  }
}

/** The owner named by the lock file; null when there is none, or it is unreadable after a wait. */
async function readOwner(path: string): Promise<{ text: string; owner: LockOwner | null } | null> {
  let text = '';
  // A lock file is created first and written just after: give its writer a moment.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const owner = parse(text);
    if (owner) return { text, owner };
    await new Promise((r) => setTimeout(r, 50));
  }
  return { text, owner: null };
}

/**
 * Moves a stale lock aside and removes it. Should another opener have replaced it with its own
 * meanwhile, that one is put back (link creates only where nothing is).
 */
async function takeOver(path: string, stale: string): Promise<void> {
  const aside = `${path}.${process.pid}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== stale) await link(aside, path).catch(() => undefined);
  await rm(aside, { force: true });
}

/**
 * Takes the lock of the embedded data directory `dataDir`, or throws {@link DataDirLockedError}
 * naming the process that holds it.
 */
export async function lockDataDir(dataDir: string, label: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  const path = `${dir}.lock`;
  const mine = held.get(path);
  if (mine) throw new DataDirLockedError(dir, mine);
  const owner: LockOwner = { pid: process.pid, label, identity: identityOf(process.pid) };
  const content = JSON.stringify(owner);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(path, content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const found = await readOwner(path);
      if (found?.owner && isRunning(found.owner)) throw new DataDirLockedError(dir, found.owner);
      if (found) await takeOver(path, found.text);
      continue;
    }
    held.set(path, owner);
    const release = () => {
      if (held.get(path) !== owner) return;
      held.delete(path);
      process.off('exit', release);
      try {
        if (readFileSync(path, 'utf8') === content) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    };
    process.on('exit', release);
    return { path, release };
  }
  throw new Error(`could not take the lock ${path}: other processes kept replacing it`);
}

/** The label of a process that names none: its script's file name. */
export function defaultLabel(): string {
  return `process ${basename(process.argv[1] ?? process.argv0)}`;
}
