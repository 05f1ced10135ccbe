/** The embedded driver: PGlite (PostgreSQL in WebAssembly) with the PostGIS extension. */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { defaultLabel, lockDataDir } from './data-dir-lock.js';
import { copyStatement, type Database, type Queryable, type QueryResult } from './database.js';

type PGliteRunner = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(runner: PGliteRunner): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await runner.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql) {
      await runner.exec(sql);
    },
    async copyIn(table, columns, text) {
      await runner.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
    },
  };
}

/**
 * The engine as a {@link Database}. Closing lets the operations under way finish (a
 * transaction cut off by the close would be rolled back, and a query queued behind it would
 * run on a closed engine) and refuses new ones, so that the engine ends with its files
 * consistent.
 */
export function embeddedDatabase(pglite: PGlite): Database {
  const base = wrap(pglite);
  const underWay = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;
  const guarded = <T>(operation: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(new Error('the embedded database is closing'));
    const done = operation();
    underWay.add(done);
    const forget = () => underWay.delete(done);
    done.then(forget, forget);
    return done;
  };
  return {
    kind: 'embedded',
    query: <R>(sql: string, params?: readonly unknown[]) => guarded(() => base.query<R>(sql, params)),
    exec: (sql) => guarded(() => base.exec(sql)),
    copyIn: (table, columns, text) => guarded(() => base.copyIn(table, columns, text)),
    transaction: (work) => guarded(() => pglite.transaction((tx) => work(wrap(tx)))),
    // One engine, one connection: the read is not split.
    readSnapshot: (_parallel, work) =>
      guarded(() =>
        pglite.transaction(async (tx) => {
          await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          return work([wrap(tx)]);
        }),
      ),
    close: () =>
      (closing ??= (async () => {
        await Promise.allSettled([...underWay]);
        await pglite.close();
      })()),
  };
}

const handles = new WeakMap<Database, PGlite>();

/**
 * Opens (or creates) an embedded database. `dataDir` undefined keeps it in memory; a data
 * directory is locked for this process until the database is closed or the process exits (see
 * data-dir-lock.ts), `label` saying who holds it. `snapshot` starts from a dumped data folder
 * (see {@link dumpEmbedded}), which skips the ~10 s PostGIS install in tests.
 */
export async function openEmbedded(
  options: { dataDir?: string; snapshot?: Blob; label?: string } = {},
): Promise<Database> {
  if (!options.dataDir) return start(options);
  // PGlite creates the data folder itself, but not its parents; the lock file sits beside it.
  await mkdir(dirname(resolve(options.dataDir)), { recursive: true });
  const lock = await lockDataDir(options.dataDir, options.label ?? defaultLabel());
  try {
    const db = await start(options);
    const locked: Database = {
      ...db,
      async close() {
        try {
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
    handles.set(locked, handles.get(db)!);
    return locked;
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function start(options: { dataDir?: string; snapshot?: Blob }): Promise<Database> {
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    extensions: { postgis },
    ...(options.snapshot ? { loadDataDir: options.snapshot } : {}),
  });
  await pglite.waitReady;
  const db = embeddedDatabase(pglite);
  handles.set(db, pglite);
  return db;
}

/** The whole data folder of an embedded database as an uncompressed tarball. */
export async function dumpEmbedded(db: Database): Promise<Blob> {
  const pglite = handles.get(db);
  if (!pglite) throw new Error('dumpEmbedded needs a database opened with openEmbedded');
  return pglite.dumpDataDir('none');
}
