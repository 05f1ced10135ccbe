/**
 * Joining a city to a province and removing it (docs/federation.md, "Joining and removing a city"),
 * step by step over the two servers' handles. Each step is idempotent, so a join cut short is
 * finished by running it again.
 */
import type { Database } from '../db/database.js';
import {
  cityLinks,
  cityPublication,
  cityUnits,
  claimIdRange,
  downPublication,
  downSubscription,
  dropPublication,
  dropSlotIfPresent,
  dropSubscription,
  forgetCity,
  putCityPublication,
  putDownPublication,
  putSubscription,
  readNode,
  recordCity,
  schemaVersion,
  setProvinceNode,
  upSubscription,
  walLevel,
} from '../db/federation.js';
import { isProvinceCode } from '../domain/codes.js';
import { staleSince } from '../domain/federation/staleness.js';

/** Why a federation command would not go on; `message` says it to the operator. */
export class FederationRefusal extends Error {
  constructor(
    readonly reason:
      | 'embedded_database'
      | 'wal_level'
      | 'schema_mismatch'
      | 'not_a_province'
      | 'not_one_city'
      | 'outside_province'
      | 'bad_code'
      | 'bad_name',
    message: string,
  ) {
    super(message);
  }
}

export interface Server {
  db: Database;
  /** How the other server reaches this one (a libpq URL); it is stored in its subscription. */
  conninfo: string;
}

async function checkReplicable(db: Database, label: string): Promise<void> {
  if (db.kind !== 'server') {
    throw new FederationRefusal(
      'embedded_database',
      `the ${label} is an embedded database; federation needs a PostgreSQL server (set DATABASE_URL)`,
    );
  }
  const level = await walLevel(db);
  if (level !== 'logical') {
    throw new FederationRefusal(
      'wal_level',
      `the ${label} has wal_level = ${level}; set wal_level = logical in its postgresql.conf and restart it`,
    );
  }
}

/**
 * Makes a server the province of the given 12-digit code (`37` + ten zeros for Shandong) and
 * name (山东省), which its wall shows for its home unit.
 */
export async function initProvince(province: Database, code: string, name: string): Promise<void> {
  if (!isProvinceCode(code)) {
    throw new FederationRefusal('bad_code', `"${code}" is not a province code (two digits and ten zeros)`);
  }
  if (!name.trim()) throw new FederationRefusal('bad_name', 'the province needs a name (--name 山东省)');
  await checkReplicable(province, 'province');
  await setProvinceNode(province, code, name.trim());
}

export interface JoinReport {
  city4: string;
  name: string;
  schemaVersion: number;
  idBase: number;
  up: 'created' | 'refreshed';
  down: 'created' | 'refreshed';
}

/** Joins `city` to `province`: checks, publications, slots and subscriptions, initial copy. */
export async function joinCity(city: Server, province: Server): Promise<JoinReport> {
  await checkReplicable(city.db, 'city');
  await checkReplicable(province.db, 'province');
  const [cityVersion, provinceVersion] = [await schemaVersion(city.db), await schemaVersion(province.db)];
  if (cityVersion.applied.join() !== provinceVersion.applied.join()) {
    const same = cityVersion.latest === provinceVersion.latest;
    throw new FederationRefusal(
      'schema_mismatch',
      `city schema version ${cityVersion.latest} differs from province schema version ${provinceVersion.latest}` +
        (same ? ' (same number, different migrations)' : '') +
        ': migrate both to the same version first',
    );
  }
  const node = await readNode(province.db);
  if (node?.role !== 'province') {
    throw new FederationRefusal(
      'not_a_province',
      'the province database is not set up as a province: run `npm run federation -- init-province` first',
    );
  }
  const units = await cityUnits(city.db);
  if (units.length !== 1) {
    throw new FederationRefusal(
      'not_one_city',
      `a city server holds exactly one city-level unit; this one holds ${units.length}`,
    );
  }
  const unit = units[0]!;
  if (unit.code.slice(0, 2) !== node.code.slice(0, 2)) {
    throw new FederationRefusal('outside_province', `city ${unit.code} is not in province ${node.code}`);
  }
  const city4 = unit.code.slice(0, 4);
  const idBase = await city.db.transaction((tx) => claimIdRange(tx, unit.code));
  await putCityPublication(city.db, city4);
  await putDownPublication(province.db, city4);
  const up = await putSubscription(province.db, upSubscription(city4), city.conninfo, cityPublication(city4));
  await recordCity(province.db, city4, unit.name, provinceVersion.latest);
  const down = await putSubscription(city.db, downSubscription(city4), province.conninfo, downPublication(city4));
  return { city4, name: unit.name, schemaVersion: provinceVersion.latest, idBase, up, down };
}

/**
 * Removes a city: both subscriptions (with their slots), both publications. `city` may be absent
 * when the city server is gone for good; `forget` also deletes its rows at the province.
 */
export async function removeCity(
  province: Database,
  city4: string,
  options: { city?: Database; forget?: boolean } = {},
): Promise<void> {
  if (options.city) await dropSubscription(options.city, downSubscription(city4));
  else await dropSlotIfPresent(province, downSubscription(city4));
  await dropSubscription(province, upSubscription(city4));
  await dropPublication(province, downPublication(city4));
  if (options.city) {
    await dropSlotIfPresent(options.city, upSubscription(city4));
    await dropPublication(options.city, cityPublication(city4));
  }
  await province.transaction((tx) => forgetCity(tx, city4, options.forget ?? false));
}

export interface CityStatus {
  city4: string;
  name: string;
  running: boolean;
  stale: boolean;
  staleSince: Date | null;
  lastMessageAt: Date | null;
  transferLagSeconds: number | null;
  receivedLsn: string | null;
}

/** Each joined city's link as the province sees it now. */
export async function federationStatus(province: Database, now: Date): Promise<CityStatus[]> {
  const links = await cityLinks(province);
  return links.map((link) => {
    const { stale, since } = staleSince(link, now);
    return {
      city4: link.city4,
      name: link.name,
      running: link.running,
      stale,
      staleSince: since,
      lastMessageAt: link.lastMessageAt,
      transferLagSeconds: link.transferLagSeconds,
      receivedLsn: link.receivedLsn,
    };
  });
}
