import { afterEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from './database.js';
import { warmUpSpatial } from './warm-up.js';

eachDriver('spatial warm-up', (driver) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it(
    driver === 'embedded'
      ? 'runs every warm-up statement without an error and the database keeps answering'
      : 'runs nothing on the server driver and the database keeps answering',
    async () => {
      db = await openTestDatabase(driver, 'migrated');
      const logged: string[] = [];
      const result = await warmUpSpatial(db, (message) => logged.push(message));
      expect(result).toMatchObject({ ran: driver === 'embedded', failed: [] });
      expect(logged).toEqual([]);
      expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    },
  );
});

it('logs a failing warm-up statement and goes on instead of throwing', async () => {
  const broken: Database = {
    kind: 'embedded',
    query: () => Promise.reject(new Error('engine gone')),
    exec: () => Promise.resolve(),
    copyIn: () => Promise.resolve(),
    transaction: () => Promise.reject(new Error('engine gone')),
    readSnapshot: () => Promise.reject(new Error('engine gone')),
    close: () => Promise.resolve(),
  };
  const logged: string[] = [];
  const result = await warmUpSpatial(broken, (message) => logged.push(message));
  expect(result.ran).toBe(true);
  expect(result.failed).toEqual(['validity', 'overlay', 'points', 'placing and grouping', 'split and merge']);
  expect(logged).toHaveLength(5);
  expect(logged[0]).toMatch(/"validity" failed and was skipped: engine gone/);
});
