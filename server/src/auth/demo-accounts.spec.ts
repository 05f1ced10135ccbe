import { afterEach, expect, it } from 'vitest';
import { eachDriver, openTestDatabase } from '../../test/databases.js';
import type { Database } from '../db/database.js';
import { DEMO_ACCOUNTS, prepareAccounts } from './demo-accounts.js';
import { hashPassword } from './passwords.js';

eachDriver('accounts at start', (driver) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('creates the demo accounts once in demo mode', async () => {
    db = await openTestDatabase(driver, 'migrated');
    expect(await prepareAccounts(db, false)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    expect(await prepareAccounts(db, false)).toEqual([]);
  });

  it('refuses a production start while an account has the demo password, naming it', async () => {
    db = await openTestDatabase(driver, 'migrated');
    await prepareAccounts(db, false);
    await expect(prepareAccounts(db, true)).rejects.toThrow(
      /refusing to start in production: accounts demo-admin, demo-auditadmin, demo-city/,
    );
  });

  it('starts in production once the demo passwords are changed', async () => {
    db = await openTestDatabase(driver, 'migrated');
    await prepareAccounts(db, false);
    await db.query('UPDATE users SET password_hash = $1', [await hashPassword('Str0ng-enough!')]);
    expect(await prepareAccounts(db, true)).toEqual([]);
  });
});
