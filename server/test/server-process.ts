/**
 * The real server process (server/src/main.ts), as a service manager starts and stops it, on a
 * private copy of the tiny demo database: an embedded data folder made from the fixture dump,
 * or on the real server a fresh database cloned from the tiny template.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../src/db/embedded.js';
import { databaseUrlFor, dropDatabase, recreateDatabase } from '../src/db/server-admin.js';
import type { Driver } from './databases.js';
import { EMBEDDED_TINY_DUMP, SERVER_TEMPLATE_TINY } from './fixtures.js';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** The embedded database's folder (DATA_DIR/pg); null on the server driver. */
  pgDir: string | null;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** How the process ended, or null when it is still running after `ms`. */
  exitWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | null>;
  /** Kills the process if it still runs and removes its data (unless the data was given). */
  cleanup(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A private database for server processes: DATA_DIR (and DATABASE_URL on the server driver). */
export interface ServerData {
  env: NodeJS.ProcessEnv;
  /** The embedded database's folder (DATA_DIR/pg); null on the server driver. */
  pgDir: string | null;
  remove(): Promise<void>;
}

/**
 * A copy of the tiny demo database, or with `empty` a database with nothing in it at all (no
 * migrations, no PostGIS extension), as a center's IT department provides on day one.
 */
export async function makeServerData(driver: Driver, { empty = false } = {}): Promise<ServerData> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zz-server-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_SCALE: 'none', DATABASE_URL: '' };
  let pgDir: string | null = null;
  let dropServerDatabase = async () => {};
  if (driver === 'embedded') {
    pgDir = join(dataDir, 'pg');
    if (!empty) {
      const seeded = await openEmbedded({ dataDir: pgDir, snapshot: new Blob([await readFile(EMBEDDED_TINY_DUMP)]) });
      await seeded.close();
    }
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `zz_test_${randomBytes(6).toString('hex')}`;
    await recreateDatabase(adminUrl, name, empty ? undefined : SERVER_TEMPLATE_TINY);
    env.DATABASE_URL = databaseUrlFor(adminUrl, name);
    dropServerDatabase = () => dropDatabase(adminUrl, name);
  }
  return {
    env,
    pgDir,
    async remove() {
      await rm(dataDir, { recursive: true, force: true });
      await dropServerDatabase();
    },
  };
}

export interface StartOptions {
  /** Data made with makeServerData, kept after the process ends; by default a fresh tiny copy. */
  data?: ServerData;
  /** Extra environment, e.g. NODE_ENV=production. */
  env?: NodeJS.ProcessEnv;
  /** The line that says the server is ready (by default its `ready: ` line). */
  readyLine?: RegExp;
}

/** Starts the server on its own port and data, and resolves once it says it is ready. */
export async function startServerProcess(driver: Driver, options: StartOptions = {}): Promise<ServerProcess> {
  const data = options.data ?? (await makeServerData(driver));
  const removeData = options.data ? async () => {} : () => data.remove();
  const { pgDir } = data;
  const env: NodeJS.ProcessEnv = { ...data.env };
  const port = await freePort();
  // Not NODE_ENV=test (vitest's): the process runs as it does when an operator starts it.
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' }, options.env);
  const child = spawn(process.execPath, ['--import', 'tsx', join('server', 'src', 'main.ts')], {
    cwd: process.cwd(),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const server: ServerProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    pgDir,
    output: () => output,
    exitWithin: (ms) =>
      Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]),
    async cleanup() {
      if (running()) {
        child.kill('SIGKILL');
        await exited;
      }
      await removeData();
    },
  };
  const deadline = Date.now() + 120_000;
  const readyLine = options.readyLine ?? /^ready: /m;
  while (!readyLine.test(output)) {
    if (!running() || Date.now() > deadline) {
      await server.cleanup();
      throw new Error(`the server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return server;
}
