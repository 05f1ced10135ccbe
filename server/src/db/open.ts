import type { Database } from './database.js';
import { openEmbedded } from './embedded.js';
import { openServer } from './server.js';

export interface DatabaseConfig {
  /** A PostgreSQL URL; when set the server driver is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** Who opens it, in words, for the lock of an embedded data directory (see data-dir-lock.ts). */
  label?: string;
}

/** Opens the database the configuration names: a server when a URL is given, else embedded. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openServer(config.databaseUrl);
  return openEmbedded(config.dataDir ? { dataDir: config.dataDir, label: config.label } : {});
}
