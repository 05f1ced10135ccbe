import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, todayIn } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to port 4000, ./data and the tiny demo', () => {
    expect(readConfig({})).toMatchObject({ port: 4000, dataDir: './data', databaseUrl: undefined, demoScale: 'tiny' });
  });

  it('says what is wrong with a bad port, scale or database URL', () => {
    expect(() => readConfig({ PORT: '80a' })).toThrow(
      new ConfigError('PORT must be a whole number from 1 to 65535, got "80a"'),
    );
    expect(() => readConfig({ DEMO_SCALE: 'province' })).toThrow(
      /DEMO_SCALE must be tiny, city or none, got "province"/,
    );
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
  });

  it('starts a city unless ROLE says province, and refuses a province on the embedded database', () => {
    expect(readConfig({}).role).toBe('city');
    expect(() => readConfig({ ROLE: 'province' })).toThrow(
      new ConfigError(
        'ROLE=province needs a PostgreSQL server with wal_level = logical (set DATABASE_URL): ' +
          'the embedded database cannot subscribe to the cities',
      ),
    );
    expect(readConfig({ ROLE: 'province', DATABASE_URL: 'postgres://p/province' })).toMatchObject({
      role: 'province',
      demoScale: 'none',
    });
    expect(() => readConfig({ ROLE: 'province', DATABASE_URL: 'postgres://p/x', DEMO_SCALE: 'tiny' })).toThrow(
      /ROLE=province loads no demo city/,
    );
    expect(() => readConfig({ ROLE: 'county' })).toThrow(/ROLE must be city or province, got "county"/);
  });

  it('keeps the audit record six months unless told longer, and refuses shorter', () => {
    expect(readConfig({}).auditRetentionDays).toBe(183);
    expect(readConfig({ AUDIT_RETENTION_DAYS: '400' }).auditRetentionDays).toBe(400);
    expect(() => readConfig({ AUDIT_RETENTION_DAYS: '182' })).toThrow(
      new ConfigError('AUDIT_RETENTION_DAYS must be a whole number of days, at least 183 (six months), got "182"'),
    );
    expect(() => readConfig({ AUDIT_RETENTION_DAYS: '200.5' })).toThrow(/AUDIT_RETENTION_DAYS/);
  });

  it('tells the date in Shanghai, not UTC', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-06-30T17:30:00Z'))).toBe('2026-07-01');
    expect(todayIn('UTC', new Date('2026-06-30T17:30:00Z'))).toBe('2026-06-30');
  });
});
