/**
 * Database.readSnapshot: several read-only transactions on one snapshot, so a large read can be
 * split between connections and still be one consistent picture. The server driver gives the
 * connections asked for (fewer while another split read holds extras), the embedded engine one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database, Queryable } from './database.js';

const statusOf = async (reader: Queryable, id: string) =>
  (await reader.query<{ status: string }>('SELECT status FROM cameras WHERE id = $1', [id])).rows[0]!.status;

eachDriver('reading on one snapshot', (driver) => {
  let db: Database;
  let camera: { id: string; status: string };
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
    camera = (await db.query<{ id: string; status: string }>('SELECT id, status FROM cameras ORDER BY id LIMIT 1'))
      .rows[0]!;
  });
  afterAll(() => db.close());

  it('gives every reader the snapshot taken at the start, whatever commits meanwhile', async () => {
    const other = camera.status === 'online' ? 'fault' : 'online';
    const seen = await db.readSnapshot(3, async (readers) => {
      expect(readers.length).toBe(driver === 'server' ? 3 : 1);
      const before = await Promise.all(readers.map((r) => statusOf(r, camera.id)));
      if (driver === 'server') {
        // Committed by another connection while the readers are open.
        await db.query('UPDATE cameras SET status = $2 WHERE id = $1', [camera.id, other]);
      }
      const after = await Promise.all(readers.map((r) => statusOf(r, camera.id)));
      return [...before, ...after];
    });
    expect(seen.every((s) => s === camera.status)).toBe(true);
    if (driver === 'server') {
      expect(await statusOf(db, camera.id)).toBe(other);
      await db.query('UPDATE cameras SET status = $2 WHERE id = $1', [camera.id, camera.status]);
    }
  });

  it('is read-only', async () => {
    await expect(
      db.readSnapshot(2, (readers) => readers[0]!.query("UPDATE cameras SET status = 'fault'")),
    ).rejects.toThrow(/read-only/);
    expect(await statusOf(db, camera.id)).toBe(camera.status);
  });

  it('hands its connections back when the work fails, and reads again afterwards', async () => {
    for (let i = 0; i < 12; i++) {
      await expect(
        db.readSnapshot(3, async (readers) => {
          await Promise.all(readers.map((r) => r.query('SELECT 1')));
          throw new Error(`failure ${i}`);
        }),
      ).rejects.toThrow(`failure ${i}`);
    }
    const counts = await db.readSnapshot(3, (readers) =>
      Promise.all(
        readers.map(async (r) => (await r.query<{ n: number }>('SELECT count(*)::int AS n FROM cameras')).rows[0]!.n),
      ),
    );
    expect(new Set(counts).size).toBe(1);
  });

  it('lets split reads run side by side without waiting on each other for connections', async () => {
    const sizes = await Promise.all(
      Array.from({ length: 6 }, () =>
        db.readSnapshot(4, async (readers) => {
          await Promise.all(readers.map((r) => r.query('SELECT pg_sleep(0.05)')));
          return readers.length;
        }),
      ),
    );
    // The first splits; the others, asked while it holds its extra connections, read on one.
    expect(sizes).toEqual([driver === 'server' ? 4 : 1, 1, 1, 1, 1, 1]);
  });
});
