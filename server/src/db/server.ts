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

export async function openServer(connectionString: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'zongzhi-map' });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (error) => console.error('database connection error:', error.message));
  await pool.query('select 1');
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
    close: () => pool.end(),
  };
}
