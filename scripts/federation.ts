/**
 * `npm run federation -- <command>`: a province over city servers, on PostgreSQL logical
 * replication (docs/federation.md).
 *
 *   init-province --province URL --code 370000000000 --name 山东省
 *                                                      makes a server the province
 *   join   --city URL --province URL                   joins a city (checks, publications, slots,
 *                                                      subscriptions, initial copy); run again
 *                                                      after a migration reached every server
 *   remove --province URL (--city URL | --city4 3717) [--forget]
 *                                                      removes a city (--forget: and its rows)
 *   status --province URL                              each city's link: running, lag, stale since
 *
 * Each URL is a postgres:// URL that the other server can reach as written. Exit codes: 0 done,
 * 1 refused or failed, 2 wrong usage.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../server/src/db/database.js';
import { readNode } from '../server/src/db/federation.js';
import { migrate } from '../server/src/db/migrate.js';
import { openDatabase } from '../server/src/db/open.js';
import {
  FederationRefusal,
  federationStatus,
  initProvince,
  joinCity,
  removeCity,
} from '../server/src/federation/join.js';
import { runCommand, UsageError } from './command.js';

const COMMANDS = ['init-province', 'join', 'remove', 'status'] as const;

function serverUrl(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`--${option} postgres://… is required`);
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new UsageError(
      `--${option} must be a postgres:// URL: federation needs PostgreSQL servers, not the embedded database`,
    );
  }
  return value;
}

async function withDatabases<T>(urls: string[], work: (dbs: Database[]) => Promise<T>): Promise<T> {
  const dbs: Database[] = [];
  try {
    for (const url of urls) dbs.push(await openDatabase({ databaseUrl: url }));
    return await work(dbs);
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
}

const time = (d: Date | null) => (d ? d.toISOString().slice(11, 19) : '—');

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      city: { type: 'string' },
      province: { type: 'string' },
      city4: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      forget: { type: 'boolean', default: false },
      migrate: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
    throw new UsageError(command ? `unknown command "${command}"; use ${COMMANDS.join(', ')}` : COMMANDS.join(' | '));
  }
  if (rest.length > 0) throw new UsageError(`${command} takes options only, got "${rest.join(' ')}"`);
  const provinceUrl = serverUrl(values.province, 'province');
  try {
    if (command === 'init-province') {
      if (!values.code) throw new UsageError('--code, the province division code (370000000000), is required');
      if (!values.name) throw new UsageError('--name, the province name its wall shows (山东省), is required');
      await withDatabases([provinceUrl], async ([province]) => {
        if (values.migrate) await migrate(province!);
        await initProvince(province!, values.code!, values.name!);
      });
      console.log(`province ${values.code} (${values.name}) set up`);
    } else if (command === 'join') {
      const cityUrl = serverUrl(values.city, 'city');
      await withDatabases([cityUrl, provinceUrl], async ([city, province]) => {
        const report = await joinCity({ db: city!, conninfo: cityUrl }, { db: province!, conninfo: provinceUrl });
        console.log(
          `city ${report.city4} (${report.name}) joined at schema version ${report.schemaVersion}: ` +
            `up ${report.up}, down ${report.down}, ids from ${report.idBase + 1}`,
        );
      });
    } else if (command === 'remove') {
      const cityUrl = values.city ? serverUrl(values.city, 'city') : undefined;
      await withDatabases(cityUrl ? [provinceUrl, cityUrl] : [provinceUrl], async ([province, city]) => {
        const city4 = values.city4 ?? (city ? await cityCodeOf(city) : undefined);
        if (!city4) throw new UsageError('say which city: --city URL or --city4 3717');
        await removeCity(province!, city4, { city, forget: values.forget });
        console.log(`city ${city4} removed${values.forget ? ', its rows deleted at the province' : ''}`);
      });
    } else {
      await withDatabases([provinceUrl], async ([province]) => {
        const rows = await federationStatus(province!, new Date());
        if (rows.length === 0) console.log('no city joined');
        for (const r of rows) {
          const state = r.stale ? `STALE since ${time(r.staleSince)}` : 'current';
          const lag = r.transferLagSeconds === null ? '—' : `${r.transferLagSeconds.toFixed(2)} s`;
          console.log(
            `${r.city4} ${r.name}: ${state}; worker ${r.running ? 'running' : 'down'}; ` +
              `last message ${time(r.lastMessageAt)} UTC; lag ${lag}; received ${r.receivedLsn ?? '—'}`,
          );
        }
      });
    }
  } catch (error) {
    if (error instanceof FederationRefusal) {
      console.error(`refused: ${error.message}`);
      return 1;
    }
    throw error;
  }
  return 0;
}

async function cityCodeOf(city: Database): Promise<string | undefined> {
  const node = await readNode(city);
  return node?.role === 'city' ? node.code.slice(0, 4) : undefined;
}

runCommand(main, 'Federation commands work on servers only.');
