/** Configuration from the environment, checked once at start with clear messages. */
import { readVideoConfig, VideoConfigError, type VideoConfig } from './video/config.js';

/** The shortest time audit records are kept, and the default: six months (Cybersecurity Law art. 21). */
export const MIN_AUDIT_RETENTION_DAYS = 183;

/** The command centres' local time, unless TZ_DISPLAY names another IANA zone. */
export const DEFAULT_DISPLAY_TIME_ZONE = 'Asia/Shanghai';

/** What a server is in a federation (docs/federation.md): a city center, or the province above. */
export type ServerRole = 'city' | 'province';

export interface Config {
  /** ROLE: a city (the default) or the province that subscribes to the cities. */
  role: ServerRole;
  port: number;
  host: string;
  /** Folder of the embedded database (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** The demo scale loaded on first start into an empty database; 'none' loads nothing. */
  demoScale: 'tiny' | 'city' | 'none';
  demoSeed: number;
  /** IANA time zone in which "today" and dates are meant. */
  timeZone: string;
  /** NODE_ENV=production: no demo accounts, no introspection, no stack traces. */
  production: boolean;
  /** Token signing key from JWT_SECRET; when absent one is generated and kept in the database. */
  jwtSecret: Uint8Array | undefined;
  /** Key of the secrets kept encrypted (DATA_KEY, 64 hex digits); when absent one is kept in the database. */
  dataKey: Uint8Array | undefined;
  tokenTtlSeconds: number;
  /** Longest gap between two requests of an interactive session; null: no idle limit. */
  idleSeconds: number | null;
  /** How long audit records are kept before the daily prune removes them (at least 183 days). */
  auditRetentionDays: number;
  /** Camera video: which gateway (VIDEO_GATEWAY, see video/config.ts). */
  video: VideoConfig;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 1 to 65535, got "${env.PORT}"`);
  }
  const production = env.NODE_ENV === 'production';
  const role = (env.ROLE ?? 'city').trim().toLowerCase();
  if (role !== 'city' && role !== 'province') {
    throw new ConfigError(`ROLE must be city or province, got "${env.ROLE}"`);
  }
  // A production database starts clean: the synthetic city only when asked for. A province
  // loads no city of its own: its data come from the cities it subscribes to.
  const demoScale = (env.DEMO_SCALE ?? (production || role === 'province' ? 'none' : 'tiny')).toLowerCase();
  if (demoScale !== 'tiny' && demoScale !== 'city' && demoScale !== 'none') {
    throw new ConfigError(`DEMO_SCALE must be tiny, city or none, got "${env.DEMO_SCALE}"`);
  }
  if (role === 'province' && demoScale !== 'none') {
    throw new ConfigError(
      `ROLE=province loads no demo city (DEMO_SCALE=${demoScale}): its data come from the cities joined to it`,
    );
  }
  const demoSeed = Number(env.DEMO_SEED ?? 42);
  if (!Number.isSafeInteger(demoSeed)) throw new ConfigError(`DEMO_SEED must be an integer, got "${env.DEMO_SEED}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  if (role === 'province' && !databaseUrl) {
    throw new ConfigError(
      'ROLE=province needs a PostgreSQL server with wal_level = logical (set DATABASE_URL): ' +
        'the embedded database cannot subscribe to the cities',
    );
  }
  const timeZone = env.TZ_DISPLAY ?? DEFAULT_DISPLAY_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`TZ_DISPLAY "${timeZone}" is not a known IANA time zone`);
  }
  const jwtSecret = env.JWT_SECRET ? new TextEncoder().encode(env.JWT_SECRET) : undefined;
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const dataKeyText = env.DATA_KEY?.trim();
  if (dataKeyText !== undefined && dataKeyText !== '' && !/^[0-9a-fA-F]{64}$/.test(dataKeyText)) {
    throw new ConfigError('DATA_KEY must be 64 hexadecimal digits (32 bytes)');
  }
  const dataKey = dataKeyText ? new Uint8Array(Buffer.from(dataKeyText, 'hex')) : undefined;
  const idleMinutes = Number(env.SESSION_IDLE_MINUTES ?? 15);
  if (!Number.isInteger(idleMinutes) || idleMinutes < 0 || idleMinutes > 24 * 60) {
    throw new ConfigError(
      `SESSION_IDLE_MINUTES must be a whole number from 0 (no limit) to 1440, got "${env.SESSION_IDLE_MINUTES}"`,
    );
  }
  const ttlMinutes = Number(env.TOKEN_TTL_MINUTES ?? 30);
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1 || ttlMinutes > 24 * 60) {
    throw new ConfigError(`TOKEN_TTL_MINUTES must be a whole number from 1 to 1440, got "${env.TOKEN_TTL_MINUTES}"`);
  }
  const retentionDays = Number(env.AUDIT_RETENTION_DAYS ?? MIN_AUDIT_RETENTION_DAYS);
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_AUDIT_RETENTION_DAYS) {
    throw new ConfigError(
      `AUDIT_RETENTION_DAYS must be a whole number of days, at least ${MIN_AUDIT_RETENTION_DAYS} (six months), got "${env.AUDIT_RETENTION_DAYS}"`,
    );
  }
  let video: VideoConfig;
  try {
    video = readVideoConfig(env, !production && demoScale !== 'none');
  } catch (error) {
    throw error instanceof VideoConfigError ? new ConfigError(error.message) : error;
  }
  return {
    role,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: env.DATA_DIR ?? './data',
    databaseUrl,
    demoScale,
    demoSeed,
    timeZone,
    production,
    jwtSecret,
    dataKey,
    tokenTtlSeconds: ttlMinutes * 60,
    idleSeconds: idleMinutes === 0 ? null : idleMinutes * 60,
    auditRetentionDays: retentionDays,
    video,
  };
}

/** Today's date (YYYY-MM-DD) in the given time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
