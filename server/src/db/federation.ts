/**
 * The federation's database side (docs/federation.md): publications, replication slots and
 * subscriptions between a city server and a province server, on PostgreSQL's logical replication.
 * Every function takes the handle of one server; `federation/join.ts` puts the steps in order.
 */
import type { Database, Queryable } from './database.js';

/** The tables a city publishes up, in an order the province can apply them in. */
export const CITY_TABLES = [
  'admin_units',
  'grid_changes',
  'grids',
  'cameras',
  'risk_points',
  'cases',
  'case_events',
  'supervision_orders',
  'supervision_responses',
] as const;

/** Row filters of the city's publication: only the orders the city's own leaders issued go up. */
const CITY_ROW_FILTERS: Partial<Record<(typeof CITY_TABLES)[number], string>> = {
  supervision_orders: `(issuer_level = 'city')`,
};

export const cityPublication = (city4: string) => `zz_city_${checkCity4(city4)}`;
export const downPublication = (city4: string) => `zz_down_${checkCity4(city4)}`;
/** The province's subscription to the city; also the name of its slot on the city. */
export const upSubscription = (city4: string) => `zz_up_${checkCity4(city4)}`;
/** The city's subscription to the province; also the name of its slot on the province. */
export const downSubscription = (city4: string) => `zz_down_${checkCity4(city4)}`;

function checkCity4(city4: string): string {
  if (!/^[0-9]{4}$/.test(city4)) throw new Error(`not a four-digit city code: "${city4}"`);
  return city4;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `wal_level` of the server: logical replication needs `logical`. */
export async function walLevel(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ wal_level: string }>('SHOW wal_level');
  return rows[0]!.wal_level;
}

export interface SchemaVersion {
  /** The highest migration applied. */
  latest: number;
  /** Every applied migration as `version:checksum`, in order. */
  applied: string[];
}

export async function schemaVersion(db: Queryable): Promise<SchemaVersion> {
  const { rows } = await db.query<{ version: number; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return { latest: rows.at(-1)?.version ?? 0, applied: rows.map((r) => `${r.version}:${r.checksum}`) };
}

export interface NodeRow {
  role: 'city' | 'province';
  code: string;
}

export async function readNode(db: Queryable): Promise<NodeRow | null> {
  const { rows } = await db.query<NodeRow>('SELECT role, code FROM federation_node');
  return rows[0] ?? null;
}

export async function setProvinceNode(db: Queryable, code: string, name: string): Promise<void> {
  await db.query(
    `INSERT INTO federation_node (role, code, name) VALUES ('province', $1, $2)
     ON CONFLICT (only_row) DO UPDATE SET role = 'province', code = EXCLUDED.code, name = EXCLUDED.name, id_base = NULL`,
    [code, name],
  );
}

/** The city-level admin units of a server (a city server has exactly one). */
export async function cityUnits(db: Queryable): Promise<{ code: string; name: string }[]> {
  const { rows } = await db.query<{ code: string; name: string }>(
    `SELECT code, name FROM admin_units WHERE level = 'city' ORDER BY code`,
  );
  return rows;
}

/** Renumbers the city's published serial ids into its range and bounds the sequences to it. */
export async function claimIdRange(db: Queryable, cityCode: string): Promise<number> {
  const { rows } = await db.query<{ base: number }>('SELECT federation_claim_id_range($1) AS base', [cityCode]);
  return rows[0]!.base;
}

/** The columns a table has now, which its publication pins (a later column waits for a refresh). */
async function columnList(db: Queryable, table: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attnum`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function tableSpec(db: Queryable, table: string, filter?: string): Promise<string> {
  const columns = await columnList(db, table);
  return `TABLE ${table} (${columns.join(', ')})${filter ? ` WHERE ${filter}` : ''}`;
}

async function publicationExists(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [name]);
  return rows.length > 0;
}

/** Creates (or re-pins to the current columns) a publication of the given table specs. */
async function putPublication(db: Queryable, name: string, specs: string[]): Promise<void> {
  if (await publicationExists(db, name)) {
    await db.exec(`ALTER PUBLICATION ${name} SET ${specs.join(', ')}`);
  } else {
    await db.exec(`CREATE PUBLICATION ${name} FOR ${specs.join(', ')} WITH (publish = 'insert, update, delete')`);
  }
}

/** On the city: what it sends up (never truncates: one would empty the province's table for all). */
export async function putCityPublication(db: Queryable, city4: string): Promise<void> {
  const specs: string[] = [];
  for (const table of CITY_TABLES) specs.push(await tableSpec(db, table, CITY_ROW_FILTERS[table]));
  await putPublication(db, cityPublication(city4), specs);
}

/** On the province: the orders its leaders issued to one city, for that city alone. */
export async function putDownPublication(db: Queryable, city4: string): Promise<void> {
  const filter = `(target_city = ${literal(checkCity4(city4))} AND issuer_level = 'province')`;
  await putPublication(db, downPublication(city4), [await tableSpec(db, 'supervision_orders', filter)]);
}

async function subscriptionExists(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM pg_subscription WHERE subname = $1', [name]);
  return rows.length > 0;
}

/**
 * Subscribes to `publication` at `conninfo` (which the subscribing server must reach as given):
 * PostgreSQL creates the slot of the same name on the publisher and copies the rows first. An
 * existing subscription is refreshed instead, which copies the tables added since.
 */
export async function putSubscription(
  db: Database,
  name: string,
  conninfo: string,
  publication: string,
): Promise<'created' | 'refreshed'> {
  if (await subscriptionExists(db, name)) {
    await db.exec(`ALTER SUBSCRIPTION ${name} REFRESH PUBLICATION WITH (copy_data = true)`);
    return 'refreshed';
  }
  await db.exec(
    `CREATE SUBSCRIPTION ${name} CONNECTION ${literal(conninfo)} PUBLICATION ${publication}
     WITH (copy_data = true, create_slot = true, slot_name = ${literal(name)})`,
  );
  return 'created';
}

/** Drops a subscription and, when the publisher is reachable, its slot there. */
export async function dropSubscription(db: Database, name: string): Promise<void> {
  if (!(await subscriptionExists(db, name))) return;
  try {
    await db.exec(`DROP SUBSCRIPTION ${name}`);
  } catch {
    // The publisher is away: let go of the slot here (it must then be dropped there by hand).
    await db.exec(`ALTER SUBSCRIPTION ${name} DISABLE`);
    await db.exec(`ALTER SUBSCRIPTION ${name} SET (slot_name = NONE)`);
    await db.exec(`DROP SUBSCRIPTION ${name}`);
  }
}

export async function dropPublication(db: Queryable, name: string): Promise<void> {
  await db.exec(`DROP PUBLICATION IF EXISTS ${name}`);
}

/** Drops a replication slot left behind on a publisher (a subscription dropped while it was away). */
export async function dropSlotIfPresent(db: Queryable, name: string): Promise<void> {
  await db.query(
    `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
     WHERE slot_name = $1 AND database = current_database() AND NOT active`,
    [name],
  );
}

export async function recordCity(db: Queryable, city4: string, name: string, version: number): Promise<void> {
  await db.query(
    `INSERT INTO federation_cities (city4, name, schema_version) VALUES ($1, $2, $3)
     ON CONFLICT (city4) DO UPDATE SET name = EXCLUDED.name, schema_version = EXCLUDED.schema_version`,
    [city4, name, version],
  );
}

export async function forgetCity(db: Queryable, city4: string, deleteRows: boolean): Promise<void> {
  await db.query('DELETE FROM federation_cities WHERE city4 = $1', [city4]);
  if (!deleteRows) return;
  const prefix = `${city4}%`;
  // Children first. These deletes are the province's own, so its ordinary triggers keep the counts.
  await db.query('DELETE FROM supervision_responses WHERE order_code LIKE $1', [prefix]);
  await db.query('DELETE FROM supervision_orders WHERE code LIKE $1', [prefix]);
  await db.query('DELETE FROM case_events WHERE case_code LIKE $1', [prefix]);
  await db.query('DELETE FROM cases WHERE code LIKE $1', [prefix]);
  await db.query('DELETE FROM risk_points WHERE id LIKE $1', [prefix]);
  await db.query('DELETE FROM cameras WHERE grid_code LIKE $1', [prefix]);
  await db.query('UPDATE grids SET created_by_change = NULL, closed_by_change = NULL WHERE code LIKE $1', [prefix]);
  await db.query('DELETE FROM grid_changes WHERE village_code LIKE $1', [prefix]);
  await db.query('DELETE FROM grids WHERE code LIKE $1', [prefix]);
  await db.query('DELETE FROM admin_units WHERE code LIKE $1', [prefix]);
}

export interface CityLink {
  city4: string;
  name: string;
  /** Whether the subscription is enabled (an operator may disable it). */
  enabled: boolean;
  /** Whether its apply worker runs now (it does not while the city is unreachable). */
  running: boolean;
  receivedLsn: string | null;
  /** When the worker last heard from the city (data or keepalive). */
  lastMessageAt: Date | null;
  /** When the city last confirmed a position: the province's data is current up to then. */
  latestEndAt: Date | null;
  /** Seconds between the city sending its last message and the province receiving it. */
  transferLagSeconds: number | null;
}

/** The link to every joined city, from pg_stat_subscription on the province. */
export async function cityLinks(db: Queryable): Promise<CityLink[]> {
  const { rows } = await db.query<{
    city4: string;
    name: string;
    enabled: boolean;
    running: boolean;
    received_lsn: string | null;
    last_msg_receipt_time: Date | null;
    latest_end_time: Date | null;
    lag: number | null;
  }>(
    `SELECT c.city4, c.name, coalesce(s.subenabled, false) AS enabled,
       coalesce(bool_or(st.pid IS NOT NULL), false) AS running,
       max(st.received_lsn)::text AS received_lsn,
       max(st.last_msg_receipt_time) AS last_msg_receipt_time,
       max(st.latest_end_time) AS latest_end_time,
       max(extract(epoch FROM st.last_msg_receipt_time - st.last_msg_send_time))::float8 AS lag
     FROM federation_cities c
     LEFT JOIN pg_subscription s ON s.subname = 'zz_up_' || c.city4
     LEFT JOIN pg_stat_subscription st ON st.subid = s.oid AND st.relid IS NULL
     GROUP BY c.city4, c.name, s.subenabled
     ORDER BY c.city4`,
  );
  return rows.map((r) => ({
    city4: r.city4,
    name: r.name,
    enabled: r.enabled,
    running: r.running,
    receivedLsn: r.received_lsn,
    lastMessageAt: r.last_msg_receipt_time,
    latestEndAt: r.latest_end_time,
    transferLagSeconds: r.lag,
  }));
}

export async function setSubscriptionEnabled(db: Queryable, name: string, enabled: boolean): Promise<void> {
  await db.exec(`ALTER SUBSCRIPTION ${name} ${enabled ? 'ENABLE' : 'DISABLE'}`);
}
