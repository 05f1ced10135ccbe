/**
 * The tiny city holds data in one township only, so a township or county account has nothing
 * just outside it to leak. These helpers plant a copy of a real village (its grids, cameras,
 * risk points, cases with their events, published index values and early warnings) in another
 * township and in another county, moved away from the loaded villages, plus a grid change, an
 * import record and a supervision order there: whatever leaks from outside can then show at every level.
 */
import { DEMO_PASSWORD } from '../../src/auth/demo-accounts.js';
import { hashPassword } from '../../src/auth/passwords.js';
import type { Database, Queryable } from '../../src/db/database.js';
import { insertMissingUsers } from '../../src/db/queries/users.js';

/** The village copied: a neighbour of demo-village's own, with every kind of record. */
export const SOURCE_VILLAGE = '371702005003';

/** Planted villages: one in another township of the same county, one in another county. */
export const PLANTED = {
  otherTownship: { village: '371702001901', cameraPrefix: '98' },
  otherCounty: { village: '371703001901', cameraPrefix: '97' },
} as const;

async function plantVillage(tx: Queryable, village: string, cameraPrefix: string): Promise<void> {
  const src = SOURCE_VILLAGE;
  const township = `${village.slice(0, 9)}000`;
  // The shift that puts the source village on a point inside the target township.
  const shift = `(SELECT ST_X(ST_PointOnSurface(t.geom)) - ST_X(ST_Centroid(s.geom)) AS dx,
      ST_Y(ST_PointOnSurface(t.geom)) - ST_Y(ST_Centroid(s.geom)) AS dy
    FROM admin_units s, admin_units t WHERE s.code = '${src}' AND t.code = '${township}') d`;
  const code = (column: string) => `'${village}' || substr(${column}, 13)`;
  await tx.query(
    `INSERT INTO admin_units (code, level, name, parent_code, population, households, geom)
     SELECT '${village}', 'village', name || '（外）', '${township}', population, households,
       ST_Translate(geom, d.dx, d.dy) FROM admin_units, ${shift} WHERE code = '${src}'`,
  );
  await tx.query(
    `INSERT INTO grids (code, version, village_code, name, kind, households, population, staff, geom, valid_from)
     SELECT ${code('code')}, 1, '${village}', name, kind, households, population, staff,
       ST_Translate(geom, d.dx, d.dy), valid_from
     FROM grids, ${shift} WHERE village_code = '${src}' AND valid_to IS NULL`,
  );
  await tx.query(
    `INSERT INTO cameras (id, name, kind, status, last_seen, heading, fov, owner_unit, grid_code, geom)
     SELECT '${cameraPrefix}' || substr(id, 3), name, kind, status, last_seen, heading, fov, owner_unit,
       ${code('grid_code')}, ST_Translate(geom, d.dx, d.dy)
     FROM cameras, ${shift} WHERE grid_code LIKE '${src}%'`,
  );
  await tx.query(
    `INSERT INTO risk_points (id, name, category, level, responsible_unit, last_inspected_at, grid_code, geom)
     SELECT ${code('id')}, name, category, level, responsible_unit, last_inspected_at, ${code('grid_code')},
       ST_Translate(geom, d.dx, d.dy)
     FROM risk_points, ${shift} WHERE grid_code LIKE '${src}%'`,
  );
  await tx.query(
    `INSERT INTO cases (code, category, severity, source, status, reported_at, deadline, closed_at,
       handled_level, grid_code, village_code, geom)
     SELECT ${code('code')}, category, severity, source, status, reported_at, deadline, closed_at,
       handled_level, ${code('grid_code')}, '${village}', ST_Translate(geom, d.dx, d.dy)
     FROM cases, ${shift} WHERE village_code = '${src}'`,
  );
  await tx.query(
    `INSERT INTO case_events (case_code, at, from_status, to_status, actor, note)
     SELECT ${code('case_code')}, at, from_status, to_status, actor, note
     FROM case_events WHERE case_code LIKE '${src}%' ORDER BY id`,
  );
  await tx.query(
    `INSERT INTO index_snapshots (period_kind, period_start, revision, unit_code, level, parent_code, score,
       band, population, rank, rank_of, indicators, counts, indicator_values, count_values)
     SELECT period_kind, period_start, revision, ${code('unit_code')}, level,
       CASE WHEN level = 'village' THEN '${township}' ELSE '${village}' END, score, band, population, rank,
       rank_of, indicators, counts, indicator_values, count_values
     FROM index_snapshots WHERE unit_code LIKE '${src}%'`,
  );
  await tx.query(
    `INSERT INTO early_warnings (grid_code, day, measure, observed, expected, upper_limit, p_value, raised_at)
     SELECT min(code), '2026-06-20', 'daily_cases', 9, 2, 6, 0.001, '2026-06-21T01:00:00+08:00'
     FROM grids WHERE village_code = '${src}' ON CONFLICT DO NOTHING`,
  );
  await tx.query(
    `INSERT INTO early_warnings (grid_code, day, measure, observed, expected, upper_limit, p_value, raised_at)
     SELECT ${code('grid_code')}, day, measure, observed, expected, upper_limit, p_value, raised_at
     FROM early_warnings WHERE grid_code LIKE '${src}%'`,
  );
  await tx.query(
    `INSERT INTO grid_changes (village_code, author, at, reason, effective_from, kind, before_summary,
       after_summary, impact)
     VALUES ('${village}', 'demo-planner', '2026-06-01T08:00:00+08:00', '外部调整', '2026-06-01T08:00:00+08:00',
       'reshape', '[]', '[]',
       '{"casesMoved":0,"camerasMoved":0,"riskPointsMoved":0,"householdsMoved":0,"moves":[]}')`,
  );
  await insertImport(tx, village);
  await insertSupervisionOrder(tx, village);
}

/** An open supervision order on a village, issued at the city (what `supervisionOrders` lists). */
async function insertSupervisionOrder(tx: Queryable, village: string): Promise<void> {
  await tx.query(
    `INSERT INTO supervision_orders (code, target_kind, target_code, target_city, issuer_level, issued_by, issued_at,
       demand, deadline)
     VALUES ($1 || 'C000001', 'unit', $1, left($1, 4), 'city', 'demo-city', '2026-06-01T08:00:00+08:00', '督办',
       '2026-07-01T08:00:00+08:00')`,
    [village],
  );
}

/** An import record of a jurisdiction (what `imports` lists). */
async function insertImport(tx: Queryable, jurisdiction: string): Promise<void> {
  await tx.query(
    `INSERT INTO imports (layer, username, jurisdiction_code, at, file_name, sha256, format, crs, counts)
     VALUES ('cameras', 'demo-admin', $1, '2026-06-01T08:00:00+08:00', $2, repeat('ab', 32), 'csv', 'wgs84',
       '{"read":1,"inserted":1,"updated":0,"retired":0,"warnings":0}')`,
    [jurisdiction, `cameras-${jurisdiction}.csv`],
  );
}

/** Plants both outside villages and an import record inside demo-village's village, in one transaction. */
export async function plantOutside(db: Database, insideVillage: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const { village, cameraPrefix } of Object.values(PLANTED)) await plantVillage(tx, village, cameraPrefix);
    await insertImport(tx, insideVillage);
    await insertSupervisionOrder(tx, insideVillage);
    // As a province holds them: the tiny city itself and one outside it (not linked: stale).
    await tx.query(
      `INSERT INTO federation_cities (city4, name, schema_version) VALUES ('3717', '菏泽市', 24), ('3799', '外市', 24)`,
    );
    await tx.query(
      `INSERT INTO early_warnings (grid_code, day, measure, observed, expected, upper_limit, p_value, raised_at)
       SELECT min(code), '2026-06-20', 'daily_cases', 9, 2, 6, 0.001, '2026-06-21T01:00:00+08:00'
       FROM grids WHERE village_code = $1 ON CONFLICT DO NOTHING`,
      [insideVillage],
    );
  });
}

/** A data administrator (role admin: grid planning and imports) at each of these jurisdictions. */
export async function addLevelAdministrators(db: Database, levels: { admin: string; jurisdiction: string }[]) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await insertMissingUsers(
    db,
    levels.map((l) => ({
      username: l.admin,
      displayName: `数据管理员 ${l.jurisdiction}`,
      role: 'admin' as const,
      jurisdictionCode: l.jurisdiction,
      passwordHash,
    })),
  );
}
