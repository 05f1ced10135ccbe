/**
 * Each database test gets its own fresh database and leaves nothing behind: a private
 * copy of a dumped embedded database, or on the real server (TEST_DATABASE_URL) a new
 * database cloned from a template. `eachDriver` runs a suite against every driver present.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openEmbedded } from '../src/db/embedded.js';
import { openServer } from '../src/db/server.js';
import {
  EMBEDDED_MIGRATED_DUMP,
  EMBEDDED_TINY_DUMP,
  SERVER_TEMPLATE_MIGRATED,
  SERVER_TEMPLATE_TINY,
} from './fixtures.js';
import { databaseUrlFor, dropDatabase, recreateDatabase } from '../src/db/server-admin.js';

export type Driver = 'embedded' | 'server';
/** `tiny`: migrated with the tiny demo city loaded; `migrated`: schema only. */
export type Content = 'tiny' | 'migrated';

export function drivers(): Driver[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded'];
}

const dumps = new Map<Content, Promise<Blob>>();
function dump(content: Content): Promise<Blob> {
  let blob = dumps.get(content);
  if (!blob) {
    const path = content === 'tiny' ? EMBEDDED_TINY_DUMP : EMBEDDED_MIGRATED_DUMP;
    blob = readFile(path).then((b) => new Blob([b]));
    dumps.set(content, blob);
  }
  return blob;
}

export async function openTestDatabase(driver: Driver, content: Content): Promise<Database> {
  if (driver === 'embedded') return openEmbedded({ snapshot: await dump(content) });
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `zz_test_${randomBytes(6).toString('hex')}`;
  await recreateDatabase(adminUrl, name, content === 'tiny' ? SERVER_TEMPLATE_TINY : SERVER_TEMPLATE_MIGRATED);
  const db = await openServer(databaseUrlFor(adminUrl, name), { max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** Declares the suite once per available driver. */
export function eachDriver(title: string, suite: (driver: Driver) => void): void {
  for (const driver of drivers()) describe(`${title} [${driver}]`, () => suite(driver));
}
