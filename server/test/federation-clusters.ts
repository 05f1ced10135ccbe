/**
 * Extra PostgreSQL 15 clusters on this machine for the federation tests: two cities and a
 * province, each its own server (`pg_createcluster 15 NAME --port PORT`) with wal_level = logical
 * and the password the tests use. Made once (the tests and .ci/run call `ensureClusters`, which
 * creates only what is absent and starts what is stopped); needs root, as CI has.
 *
 *   npx tsx server/test/federation-clusters.ts   creates and starts them
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  name: string;
  port: number;
  /** Superuser URL of its `postgres` database. */
  adminUrl: string;
}

const VERSION = '15';
const PASSWORD = 'postgres';
export const CLUSTERS = {
  cityA: cluster('zz_fed_city_a', 5441),
  cityB: cluster('zz_fed_city_b', 5442),
  province: cluster('zz_fed_province', 5443),
} as const;

function cluster(name: string, port: number): Cluster {
  return { name, port, adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres` };
}

/** Why the clusters cannot be made here, or null when they can. */
export function clustersUnavailable(): string | null {
  if (!existsSync('/usr/bin/pg_createcluster')) return 'pg_createcluster is not installed (Debian postgresql-common)';
  if (!existsSync(`/usr/lib/postgresql/${VERSION}/bin/postgres`)) return `PostgreSQL ${VERSION} is not installed`;
  return null;
}

const run = (file: string, args: string[]) => execFileSync(file, args, { encoding: 'utf8', stdio: 'pipe' });

function status(name: string): 'online' | 'down' | 'absent' {
  const line = run('pg_lsclusters', ['--no-header'])
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[0] === VERSION && f[1] === name);
  if (!line) return 'absent';
  return line[3] === 'online' ? 'online' : 'down';
}

const SETTINGS: Record<string, string> = {
  wal_level: 'logical',
  max_replication_slots: '32',
  max_wal_senders: '32',
  max_logical_replication_workers: '24',
  max_worker_processes: '32',
  max_sync_workers_per_subscription: '2',
  // Quick reconnection after a link returns, so catching up is seen within a test's time.
  wal_retrieve_retry_interval: '1s',
  fsync: 'off',
  synchronous_commit: 'off',
  shared_buffers: '64MB',
};

/** Creates the absent clusters, starts the stopped ones; returns them all. */
export function ensureClusters(): Cluster[] {
  const all = Object.values(CLUSTERS);
  for (const c of all) {
    if (status(c.name) === 'absent') {
      run('pg_createcluster', [VERSION, c.name, '--port', String(c.port)]);
      for (const [key, value] of Object.entries(SETTINGS)) run('pg_conftool', [VERSION, c.name, 'set', key, value]);
    }
    startCluster(c);
    run('runuser', [
      '-u',
      'postgres',
      '--',
      'psql',
      '-q',
      '-p',
      String(c.port),
      '-c',
      `ALTER USER postgres PASSWORD '${PASSWORD}'`,
    ]);
  }
  return all;
}

const LOCK = join(tmpdir(), 'zz_fed_clusters.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Holds the clusters for one test file until the returned release is called: a file that stops a
 * cluster (join.spec.ts) would otherwise cut the connections of another running beside it. The
 * lock is a file naming its holder's process; one left by a process that died is taken over.
 */
export async function lockClusters(timeoutMs = 170_000): Promise<() => void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return () => rmSync(LOCK, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(LOCK, 'utf8'));
      // An empty file is one its holder is still writing: wait for it like any other.
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) rmSync(LOCK, { force: true });
      else if (Date.now() > until) {
        throw new Error(`the federation clusters are held by process ${holder}`, { cause: error });
      } else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Starts a cluster unless it runs already. */
export function startCluster(c: Cluster): void {
  if (status(c.name) !== 'online') run('pg_ctlcluster', [VERSION, c.name, 'start']);
}

/** Stops a cluster at once (fast shutdown: connections are cut, as when a city's link drops). */
export function stopCluster(c: Cluster): void {
  run('pg_ctlcluster', [VERSION, c.name, 'stop', '-m', 'fast']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reason = clustersUnavailable();
  if (reason) {
    console.log(`federation clusters not made: ${reason}`);
  } else {
    for (const c of ensureClusters()) console.log(`cluster ${c.name} online on port ${c.port}`);
  }
}
