/**
 * What a sign-in screen learns from the API besides the token: the idle limit of the session
 * (so an interactive screen signs out when the server would) and, while a new password is
 * asked for, the rules it must meet.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type App } from '../../app.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../auth/demo-accounts.js';
import { resetPassword } from '../../accounts/administration.js';
import type { Database } from '../../db/database.js';
import { eachDriver, openTestDatabase } from '../../../test/databases.js';
import { TEST_NOW } from '../../../test/api.js';

const IDLE_SECONDS = 900;
const LOGIN = `mutation ($u: String!, $p: String!) {
  login(username: $u, password: $p) { step user { idleSeconds } passwordRules { minLength minClasses } }
}`;

eachDriver('sign-in fields', (driver) => {
  let db: Database;
  let app: App;
  let base: string;
  beforeAll(async () => {
    db = await openTestDatabase(driver, 'tiny');
    await ensureDemoAccounts(db);
    app = await createApp(db, {
      auth: { secret: new Uint8Array(32).fill(5), tokenTtlSeconds: 1800, idleSeconds: IDLE_SECONDS },
      now: () => TEST_NOW,
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  };

  it("tells an interactive account the server's idle limit and the wall screen that it has none", async () => {
    const township = (await gql(LOGIN, { u: 'demo-township', p: DEMO_PASSWORD })).data.login;
    expect(township).toEqual({ step: 'done', user: { idleSeconds: IDLE_SECONDS }, passwordRules: null });
    const wall = (await gql(LOGIN, { u: 'demo-wall', p: DEMO_PASSWORD })).data.login;
    expect(wall.user).toEqual({ idleSeconds: null });
  });

  it('gives the password rules with the step that asks for a new password', async () => {
    const reset = await db.transaction((tx) =>
      resetPassword(tx, { kind: 'cli', name: 'test' }, 'demo-village', TEST_NOW),
    );
    if (!reset.ok) throw new Error(JSON.stringify(reset.error));
    const step = (await gql(LOGIN, { u: 'demo-village', p: reset.value.value.temporaryPassword })).data.login;
    expect(step).toEqual({ step: 'change_password', user: null, passwordRules: { minLength: 10, minClasses: 3 } });
  });
});
