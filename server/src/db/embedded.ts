/** The embedded driver: PGlite (PostgreSQL in WebAssembly) with the PostGIS extension. */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
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

export function embeddedDatabase(pglite: PGlite): Database {
  const base = wrap(pglite);
  return {
    kind: 'embedded',
    ...base,
    transaction: (work) => pglite.transaction((tx) => work(wrap(tx))),
    // One engine, one connection: the read is not split.
    readSnapshot: (_parallel, work) =>
      pglite.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        return work([wrap(tx)]);
      }),
    close: () => pglite.close(),
  };
}

const handles = new WeakMap<Database, PGlite>();

/**
 * Opens (or creates) an embedded database. `dataDir` undefined keeps it in memory.
 * `snapshot` starts from a dumped data folder (see {@link dumpEmbedded}), which skips the
 * ~10 s PostGIS install in tests.
 */
export async function openEmbedded(options: { dataDir?: string; snapshot?: Blob } = {}): Promise<Database> {
  // PGlite creates the data folder itself, but not its parents.
  if (options.dataDir) await mkdir(dirname(resolve(options.dataDir)), { recursive: true });
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
