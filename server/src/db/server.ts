/** The server driver: a PostgreSQL + PostGIS server through a `pg` connection pool. */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyStatement, type Database, type Queryable, type QueryResult } from './database.js';

// Counts and ids come back as JavaScript numbers on both drivers (PGlite already does).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

type Client = pg.Pool | pg.PoolClient;

function wrap(client: Client): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql) {
      await client.query(sql);
    },
    async copyIn(table, columns, text) {
      const run = async (c: pg.PoolClient) => {
        const stream = c.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        await pipeline(Readable.from([text]), stream);
      };
      if (client instanceof pg.Pool) {
        const c = await client.connect();
        try {
          await run(c);
        } finally {
          c.release();
        }
      } else {
        await run(client);
      }
    },
  };
}

const READ_ONLY_SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * Opens `parallel` read-only transactions on one snapshot and runs `work` with them. Extra
 * connections are taken only while no other such read holds some (`extras.busy`): a read that
 * waits for the pool while holding a connection could otherwise wait on another one doing the
 * same.
 */
async function readSnapshot<T>(
  pool: pg.Pool,
  extras: { busy: boolean },
  parallel: number,
  work: (readers: Queryable[]) => Promise<T>,
): Promise<T> {
  const clients: pg.PoolClient[] = [];
  const broken = new Set<pg.PoolClient>();
  const split = parallel > 1 && !extras.busy;
  if (split) extras.busy = true;
  try {
    const first = await pool.connect();
    clients.push(first);
    await first.query(READ_ONLY_SNAPSHOT);
    if (split) {
      const { rows } = await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      const others = await Promise.allSettled(
        Array.from({ length: parallel - 1 }, async () => {
          const client = await pool.connect();
          clients.push(client);
          await client.query(READ_ONLY_SNAPSHOT);
          await client.query(`SET TRANSACTION SNAPSHOT '${rows[0]!.id.replace(/'/g, "''")}'`);
        }),
      );
      const failed = others.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    }
    const result = await work(clients.map(wrap));
    await Promise.all(clients.map((c) => c.query('COMMIT')));
    return result;
  } catch (error) {
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => broken.add(c))));
    throw error;
  } finally {
    // A connection that could not even roll back is closed rather than handed to the next user.
    for (const c of clients) c.release(broken.has(c));
    if (split) extras.busy = false;
  }
}

export async function openServer(connectionString: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: 'zongzhi-map',
    // PostGIS functions carry planner costs high enough to JIT-compile a map page's short query,
    // and to plan it with parallel workers: compiling, and starting worker processes for each
    // query, cost more than the query itself. The server's parallelism is its many requests at
    // once (and the feeds' split reads over several connections), not workers per query.
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (error) => console.error('database connection error:', error.message));
  await pool.query('select 1');
  const extras = { busy: false };
  return {
    kind: 'server',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    readSnapshot: (parallel, work) => readSnapshot(pool, extras, parallel, work),
    close: () => pool.end(),
  };
}
