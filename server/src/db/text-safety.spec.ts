import { afterEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import { textProblem } from '../domain/text-safety.js';
import type { Database } from './database.js';

eachDriver('text safety in the database', (driver) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  // Every forbidden character lies below U+3000; past it, CJK and the rest are all allowed.
  it('refuses exactly the characters the single-line rule of text-safety.ts refuses', async () => {
    db = await openTestDatabase(driver, 'migrated');
    const { rows } = await db.query<{ cp: number }>(
      `SELECT cp FROM generate_series(1, 12287) cp WHERE NOT is_safe_single_line(chr(cp)) ORDER BY cp`,
    );
    const expected: number[] = [];
    for (let cp = 1; cp < 0x3000; cp++) if (textProblem(String.fromCodePoint(cp)) !== null) expected.push(cp);
    expect(rows.map((r) => r.cp)).toEqual(expected);
    expect(expected).toHaveLength(0x20 - 1 + 0x21 + 1 + 2 + 5 + 4);
  });

  it('refuses to store a name with a bidirectional override or a unit with a control, and stores any other name', async () => {
    db = await openTestDatabase(driver, 'tiny');
    const rename = db.query(
      `UPDATE risk_points SET name = 'ab' || chr(8238) || 'cd' WHERE id = (SELECT min(id) FROM risk_points)`,
    );
    await expect(rename).rejects.toThrow(/risk_points_name_safe/);
    const unit = db.query(`UPDATE cameras SET owner_unit = 'a' || chr(7) WHERE id = (SELECT min(id) FROM cameras)`);
    await expect(unit).rejects.toThrow(/cameras_owner_unit_safe/);
    const name = '实验小学（东校区）🏫 "A-1"';
    const { rows } = await db.query<{ name: string }>(
      'UPDATE risk_points SET name = $1 WHERE id = (SELECT min(id) FROM risk_points) RETURNING name',
      [name],
    );
    expect(rows).toEqual([{ name }]);
  });
});
