/**
 * The server's role checked against its database at start (docs/federation.md, "The province
 * role"): a province server must run on a database set up as the province, whose code is then
 * its home unit; a city server must not run on one.
 */
import { ConfigError, type ServerRole } from '../config.js';
import type { Database } from '../db/database.js';
import { readNode } from '../db/federation.js';

/** The province's code for a province server, null for a city; throws when the database disagrees. */
export async function checkServerRole(db: Database, role: ServerRole): Promise<string | null> {
  if (role === 'province' && db.kind !== 'server') {
    throw new ConfigError('ROLE=province needs a PostgreSQL server (set DATABASE_URL), not the embedded database');
  }
  const node = await readNode(db);
  if (role === 'province') {
    if (node?.role !== 'province') {
      throw new ConfigError(
        'ROLE=province, but this database is not set up as a province: run `npm run federation -- init-province` first',
      );
    }
    return node.code;
  }
  if (node?.role === 'province') {
    throw new ConfigError(`this database is the province ${node.code}: start it with ROLE=province`);
  }
  return null;
}
