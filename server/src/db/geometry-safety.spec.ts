import { afterEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import { BOW_TIE } from '../../test/hostile.js';
import type { Database } from './database.js';
import { assertValidGeometry, InvalidGeometryError } from './queries/geometry.js';

eachDriver('geometry safety', (driver) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('rejects a self-intersecting polygon with the reason and place, and keeps answering', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const error = await assertValidGeometry(db, BOW_TIE, 'grid 371702005001001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidGeometryError);
    expect((error as InvalidGeometryError).reason).toMatch(/self-intersection/i);
    expect((error as InvalidGeometryError).location?.[0]).toBeCloseTo(115.5, 6);
    expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('refuses to store an invalid grid geometry and the database keeps answering', async () => {
    db = await openTestDatabase(driver, 'tiny');
    const insert = db.query(
      `INSERT INTO grids (code, village_code, name, kind, households, population, staff, geom, valid_from)
       SELECT left(code, 12) || '999', left(code, 12), 'bad', 'comprehensive', 0, 0,
              '{"head":1,"workers":1,"volunteers":1}', ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), now()
       FROM grids LIMIT 1`,
      [JSON.stringify(BOW_TIE)],
    );
    await expect(insert).rejects.toThrow(/grids_geom_valid/);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM grids WHERE right(code, 3) = '999'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('accepts a valid polygon', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [115, 35],
          [115.1, 35],
          [115.1, 35.1],
          [115, 35.1],
          [115, 35],
        ],
      ],
    };
    await expect(assertValidGeometry(db, square, 'square')).resolves.toBeUndefined();
  });
});
