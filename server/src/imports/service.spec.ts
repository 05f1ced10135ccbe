import { afterEach, beforeEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import { TEST_NOW } from '../../test/api.js';
import type { Database } from '../db/database.js';
import { rollBackImport, runImport, RollbackRefused, type ImportOptions } from './service.js';

const ADMIN = { username: 'demo-admin', jurisdiction: '371700000000' };
const utf8 = (s: string) => new TextEncoder().encode(s);
const LATER = new Date(TEST_NOW.getTime() + 60_000);

eachDriver('imports', (driver) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(driver, 'tiny');
  });
  afterEach(() => db.close());

  /** A current grid of the tiny city and a point well inside it. */
  async function someGrid(offset = 0): Promise<{ code: string; lon: number; lat: number }> {
    const { rows } = await db.query<{ code: string; lon: number; lat: number }>(
      `SELECT code, ST_X(p) AS lon, ST_Y(p) AS lat
       FROM (SELECT code, ST_PointOnSurface(geom) AS p FROM grids WHERE valid_to IS NULL ORDER BY code OFFSET $1 LIMIT 1) g`,
      [offset],
    );
    return rows[0]!;
  }
  const count = async (sql: string) => Number(Object.values((await db.query(sql)).rows[0]!)[0]);
  const cameraCsv = (lines: string[]) =>
    utf8(['编码,名称,经度,纬度,类型,状态,所属单位,网格编码', ...lines].join('\r\n'));
  const run = (over: Partial<ImportOptions>) =>
    runImport(db, {
      layer: 'cameras',
      fileName: 'cameras.csv',
      bytes: new Uint8Array(),
      crs: 'wgs84',
      dryRun: false,
      user: ADMIN,
      now: TEST_NOW,
      ...over,
    });

  it('dry-runs a camera register: counts, grids found by position, nothing written', async () => {
    const g = await someGrid();
    const before = await count('SELECT count(*) FROM cameras');
    const report = await run({
      dryRun: true,
      bytes: cameraCsv([`37170200001325900001,新路口,${g.lon},${g.lat},球机,在线,牡丹分局,`]),
    });
    expect(report).toMatchObject({ applied: false, importId: null, rejected: [] });
    expect(report.counts).toMatchObject({ read: 1, valid: 1, rejected: 0, inserted: 1, updated: 0 });
    expect(await count('SELECT count(*) FROM cameras')).toBe(before);
    expect(await count('SELECT count(*) FROM imports')).toBe(0);
  });

  it('applies an import: inserts and updates by id, records it, and keeps the summary counts right', async () => {
    const g = await someGrid();
    const existing = (await db.query<{ id: string }>('SELECT id FROM cameras ORDER BY id LIMIT 1')).rows[0]!.id;
    const report = await run({
      bytes: cameraCsv([
        `37170200001325900001,新路口,${g.lon},${g.lat},球机,在线,牡丹分局,${g.code}`,
        `${existing},改名的摄像机,${g.lon},${g.lat},枪机,,牡丹分局,`,
      ]),
    });
    expect(report.rejected).toEqual([]);
    expect(report).toMatchObject({ applied: true, counts: { inserted: 1, updated: 1 } });
    const { rows } = await db.query<{ name: string; grid_code: string }>(
      'SELECT name, grid_code FROM cameras WHERE id = $1',
      [existing],
    );
    expect(rows[0]).toEqual({ name: '改名的摄像机', grid_code: g.code });
    const recorded = await db.query<{ sha256: string; username: string; counts: Record<string, number> }>(
      'SELECT * FROM imports',
    );
    expect(recorded.rows[0]).toMatchObject({ username: 'demo-admin', counts: { inserted: 1, updated: 1 } });
    expect(recorded.rows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const counted = await count('SELECT sum(n) FROM camera_status_counts');
    expect(counted).toBe(await count('SELECT count(*) FROM cameras'));
  });

  it('writes nothing when one record in the middle is bad, and names it', async () => {
    const g = await someGrid();
    const before = await count('SELECT count(*) FROM cameras');
    const report = await run({
      bytes: cameraCsv([
        `37170200001325900001,一,${g.lon},${g.lat},球机,在线,牡丹分局,`,
        `37170200001325900002,二,${g.lon},${g.lat},球机,在线,牡丹分局,371702005099001`,
        `37170200001325900003,三,${g.lon},${g.lat},球机,在线,牡丹分局,`,
      ]),
    });
    expect(report.applied).toBe(false);
    expect(report.rejected).toEqual([
      {
        position: 'line 3',
        field: 'grid_code',
        code: 'unknown_grid',
        params: { column: 'grid_code', grid: '371702005099001' },
        reason: 'grid 371702005099001 does not exist (no current version)',
      },
    ]);
    expect(await count('SELECT count(*) FROM cameras')).toBe(before);
    expect(await count('SELECT count(*) FROM imports')).toBe(0);
    expect(await count(`SELECT count(*) FROM audit_log WHERE operation = 'import cameras' AND NOT success`)).toBe(1);
  });

  it('rejects records outside the importer’s jurisdiction, by code and by position', async () => {
    const inside = await someGrid(0);
    const { rows } = await db.query<{ code: string }>(
      `SELECT code FROM grids WHERE valid_to IS NULL AND village_code <> left($1, 12) ORDER BY code LIMIT 1`,
      [inside.code],
    );
    const village = { username: 'demo-village', jurisdiction: inside.code.slice(0, 12) };
    const elsewhere = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM grids WHERE code = $1 AND valid_to IS NULL`,
      [rows[0]!.code],
    );
    const e = elsewhere.rows[0]!;
    const report = await run({
      user: village,
      bytes: cameraCsv([
        `37170200001325900001,一,${inside.lon},${inside.lat},球机,在线,牡丹分局,`,
        `37170200001325900002,二,${e.lon},${e.lat},球机,在线,牡丹分局,${rows[0]!.code}`,
        `37170200001325900003,三,${e.lon},${e.lat},球机,在线,牡丹分局,`,
      ]),
    });
    expect(report.applied).toBe(false);
    expect(report.rejected.map((r) => r.position)).toEqual(['line 3', 'line 4']);
    expect(report.rejected.every((r) => r.reason.includes('outside your jurisdiction'))).toBe(true);
  });

  it('rolls an import back exactly, once, newest first', async () => {
    const g = await someGrid();
    const original = (
      await db.query<Record<string, unknown>>('SELECT *, ST_AsText(geom) AS wkt FROM cameras ORDER BY id LIMIT 1')
    ).rows[0]!;
    const first = await run({
      bytes: cameraCsv([
        `${original.id},改名,${g.lon},${g.lat},枪机,故障,另一单位,`,
        `37170200001325900001,新,${g.lon},${g.lat},球机,在线,牡丹分局,`,
      ]),
    });
    const second = await run({ bytes: cameraCsv([`37170200001325900002,又新,${g.lon},${g.lat},球机,在线,牡丹分局,`]) });
    await expect(rollBackImport(db, first.importId!, ADMIN, LATER)).rejects.toThrow(
      `import #${second.importId} of cameras came later`,
    );
    await rollBackImport(db, second.importId!, ADMIN, LATER);
    const rolled = await rollBackImport(db, first.importId!, ADMIN, LATER);
    expect(rolled).toMatchObject({ status: 'rolled_back', rolled_back_by: 'demo-admin' });
    const after = (
      await db.query<Record<string, unknown>>('SELECT *, ST_AsText(geom) AS wkt FROM cameras WHERE id = $1', [
        original.id,
      ])
    ).rows[0];
    expect(after).toEqual(original);
    expect(await count(`SELECT count(*) FROM cameras WHERE id LIKE '3717020000132590000%'`)).toBe(0);
    expect(await count('SELECT sum(n) FROM camera_status_counts')).toBe(await count('SELECT count(*) FROM cameras'));
    const again = rollBackImport(db, first.importId!, ADMIN, LATER);
    await expect(again).rejects.toBeInstanceOf(RollbackRefused);
    await expect(again).rejects.toThrow('already rolled back');
  });

  it('imports cases with Chinese labels inside their village, and rolls them back', async () => {
    const g = await someGrid();
    const code = `${g.code.slice(0, 12)}202606309901`;
    const csv = [
      '案件编码,类别,严重程度,来源,状态,登记时间,经度,纬度',
      `${code},邻里纠纷,一般,12345热线,登记受理,2026-06-30 09:00,${g.lon},${g.lat}`,
    ].join('\n');
    const report = await run({ layer: 'cases', fileName: 'cases.csv', bytes: utf8(csv) });
    expect(report.rejected).toEqual([]);
    const { rows } = await db.query(
      'SELECT category, status, grid_code, village_code, version FROM cases WHERE code = $1',
      [code],
    );
    expect(rows[0]).toEqual({
      category: 'neighbour',
      status: 'registered',
      grid_code: g.code,
      village_code: g.code.slice(0, 12),
      version: 1,
    });
    await rollBackImport(db, report.importId!, ADMIN, LATER);
    expect(await count(`SELECT count(*) FROM cases WHERE code = '${code}'`)).toBe(0);
  });
  it('warns of a camera that stands outside the grid its record names, and still imports it', async () => {
    const a = await someGrid(0);
    const { rows } = await db.query<{ code: string }>(
      `SELECT code FROM grids WHERE valid_to IS NULL AND NOT ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))
       AND code LIKE '3717%' ORDER BY code LIMIT 1`,
      [a.lon, a.lat],
    );
    const report = await run({
      bytes: cameraCsv([`37170200001325900001,偏离,${a.lon},${a.lat},球机,在线,牡丹分局,${rows[0]!.code}`]),
    });
    expect(report.applied).toBe(true);
    expect(report.warnings).toEqual([
      {
        position: 'line 2',
        field: 'geometry',
        reason: expect.stringMatching(new RegExp(`^stands \\d+ m outside its grid ${rows[0]!.code}$`)),
      },
    ]);
  });
});
