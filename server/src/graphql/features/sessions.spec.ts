/**
 * Tokens live only as long as their sessions: sign-out, expiry, a disabled account or a changed
 * role end access at once, over HTTP, the feeds and open WebSocket subscriptions alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { collect, connect, until } from '../../../test/live.js';

const ME = '{ me { username } }';
const CASE_CHANGED = 'subscription { caseChanged { caseCode } }';
const REPORT = `mutation ($lon: Float!, $lat: Float!) {
  reportCase(input: { category: land, severity: low, source: hotline, lon: $lon, lat: $lat }) { code }
}`;

eachDriver('sessions', (driver) => {
  let api: TestApi;
  let clock = TEST_NOW;
  let inside: { lon: number; lat: number };
  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', () => clock);
    const { rows } = await api.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
       FROM grids WHERE village_code = '371702005001' AND valid_to IS NULL LIMIT 1`,
    );
    inside = rows[0]!;
  });
  afterAll(() => api.stop());

  /** The close event of a client's socket, once it comes. */
  function closeCodeOf(client: ReturnType<typeof connect>) {
    const seen: { code?: number } = {};
    client.on('closed', (event) => (seen.code = (event as { code: number }).code));
    return seen;
  }

  describe('signing out', () => {
    it('ends the token at once for GraphQL, the feeds and its open subscription', async () => {
      const token = await api.login('demo-township');
      const client = connect(api, token);
      const closed = closeCodeOf(client);
      const sub = collect(client, CASE_CHANGED, {});
      await sub.started;
      const out = await api.gql('mutation { logout }', {}, token);
      expect(out.data).toEqual({ logout: true });
      const me = await api.gql(ME, {}, token);
      expect(me.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked' });
      const feed = await fetch(`${api.base}/feeds/cameras`, { headers: { authorization: `Bearer ${token}` } });
      expect(feed.status).toBe(401);
      await until(() => closed.code !== undefined);
      expect(closed.code).toBe(4401);
      const again = await api.gql('mutation { logout }', {}, token);
      expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      sub.stop();
      await client.dispose();
    });

    it("leaves the account's other sessions signed in", async () => {
      const first = await api.login('demo-village');
      const second = await api.login('demo-village');
      await api.gql('mutation { logout }', {}, first);
      expect((await api.gql(ME, {}, second)).data).toEqual({ me: { username: 'demo-village' } });
    });
  });

  it('closes a subscription whose token has expired before it delivers the next event', async () => {
    const token = await api.login('demo-township');
    const client = connect(api, token);
    const closed = closeCodeOf(client);
    const sub = collect(client, CASE_CHANGED, {});
    await sub.started;
    clock = new Date(TEST_NOW.getTime() + 31 * 60_000);
    try {
      const reporter = await api.login('demo-village');
      expect((await api.gql(REPORT, inside, reporter)).errors).toBeUndefined();
      await until(() => closed.code !== undefined);
      expect(closed.code).toBe(4401);
      expect(sub.received).toEqual([]);
    } finally {
      clock = TEST_NOW;
      sub.stop();
      await client.dispose();
    }
  });

  it('refuses a token once its account is disabled, or its role or jurisdiction changed', async () => {
    const token = await api.login('demo-planner');
    await api.db.query(`UPDATE users SET role = 'leader' WHERE username = 'demo-planner'`);
    try {
      const me = await api.gql(ME, {}, token);
      expect(me.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'account_changed' });
    } finally {
      await api.db.query(`UPDATE users SET role = 'planner' WHERE username = 'demo-planner'`);
    }
    // The refusal revoked the session: putting the role back does not revive the token.
    expect((await api.gql(ME, {}, token)).errors?.[0]?.extensions?.reason).toBe('revoked');
    const fresh = await api.login('demo-planner');
    await api.db.query(`UPDATE users SET disabled = true WHERE username = 'demo-planner'`);
    try {
      expect((await api.gql(ME, {}, fresh)).errors?.[0]?.extensions?.reason).toBe('disabled');
    } finally {
      await api.db.query(`UPDATE users SET disabled = false WHERE username = 'demo-planner'`);
    }
  });

  it('refuses a well-signed token that names no session', async () => {
    const token = await api.login('demo-county');
    await api.db.query(`DELETE FROM sessions WHERE username = 'demo-county'`);
    expect((await api.gql(ME, {}, token)).errors?.[0]?.extensions?.reason).toBe('missing');
  });
});
