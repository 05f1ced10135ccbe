/**
 * Every attempted mutation leaves an audit record with its outcome: refused by role, by
 * jurisdiction, invalid, unauthenticated or allowed; and login answers never tell a name that
 * is no account from a locked one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, type TestApi } from '../../../test/api.js';

const REPORT = `mutation { reportCase(input: { category: land, severity: low, source: hotline, lon: 115.45, lat: 35.25 }) { code } }`;
const PUBLISH = `mutation { publishIndex(period: month) { period } }`;
const COMMIT = `mutation {
  commitGridChange(input: { villageCode: "371702005001", grids: [] }, expectedVersions: [], reason: "x") { id }
}`;
const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

eachDriver('audit of every attempt', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
  });
  afterAll(() => api.stop());

  const lastAudit = async (username: string | null, operation: string) =>
    (
      await api.db.query<{ success: boolean; outcome: string; detail: string | null }>(
        `SELECT success, outcome, detail FROM audit_log
         WHERE username IS NOT DISTINCT FROM $1 AND operation = $2 ORDER BY id DESC LIMIT 1`,
        [username, operation],
      )
    ).rows[0];

  it.each([
    ['demo-wall', REPORT, 'reportCase'],
    ['demo-village', PUBLISH, 'publishIndex'],
    ['demo-village', COMMIT, 'commitGridChange'],
  ])('audits %s refused by role calling %s', async (username, mutation, operation) => {
    const token = await api.login(username);
    const res = await api.gql(mutation, {}, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await lastAudit(username, operation)).toMatchObject({ success: false, outcome: 'denied_role' });
  });

  it('audits a mutation without a token as unauthenticated', async () => {
    const res = await api.gql(REPORT);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await lastAudit(null, 'reportCase')).toMatchObject({ success: false, outcome: 'unauthenticated' });
  });

  it('audits a mutation whose document fails validation, with the reason', async () => {
    const token = await api.login('demo-village');
    const res = await api.gql('mutation { reportCase(input: { category: volcano }) { code } }', {}, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const row = await lastAudit('demo-village', 'reportCase');
    expect(row).toMatchObject({ success: false, outcome: 'invalid' });
    expect(row!.detail).toMatch(/ReportCaseInput/);
  });

  it('audits an allowed mutation once, as ok', async () => {
    const token = await api.login('demo-village');
    const before = await api.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'logout'`);
    await api.gql('mutation { logout }', {}, token);
    const after = await api.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'logout'`);
    expect((after.rows[0] as { n: number }).n).toBe((before.rows[0] as { n: number }).n + 1);
    expect(await lastAudit('demo-village', 'logout')).toMatchObject({ success: true, outcome: 'ok' });
  });

  describe('login', () => {
    const attempt = async (username: string, password: string) => {
      const res = await api.gql(LOGIN, { u: username, p: password });
      return res.errors?.[0];
    };

    it('answers a name that is no account exactly as it answers an account, through the lockout', async () => {
      const real: unknown[] = [];
      const madeUp: unknown[] = [];
      for (let i = 0; i < 7; i += 1) {
        real.push(await attempt('demo-county', 'wrong-password'));
        madeUp.push(await attempt('no-such-account', 'wrong-password'));
      }
      expect(madeUp).toEqual(real);
      expect(real.at(-1)).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'locked' } });
      expect(real[0]).toMatchObject({ extensions: { reason: 'credentials' } });
      // The audit log keeps the truth.
      expect(JSON.parse((await lastAudit('no-such-account', 'login'))!.detail!)).toMatchObject({
        reason: 'sign_in_unknown_user_locked',
        message: 'unknown user; name locked',
      });
      expect(JSON.parse((await lastAudit('demo-county', 'login'))!.detail!)).toMatchObject({
        reason: 'sign_in_locked',
      });
    });

    it('tells only someone who knows the password that an account is disabled', async () => {
      await api.db.query(`UPDATE users SET disabled = true WHERE username = 'demo-planner'`);
      try {
        expect(await attempt('demo-planner', 'wrong-password')).toMatchObject({
          extensions: { reason: 'credentials' },
        });
        expect(await attempt('demo-planner', 'demo')).toMatchObject({ extensions: { reason: 'disabled' } });
      } finally {
        await api.db.query(`UPDATE users SET disabled = false, failed_logins = 0 WHERE username = 'demo-planner'`);
      }
    });
  });
});
