/**
 * Accounts administered in the product: the system administrator creates, the security
 * administrator grants, the owner changes the temporary password at first sign-in; separated
 * duties; administrators act only inside their jurisdiction; second factors and the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../accounts/actor.js';
import { createAccount } from '../../accounts/administration.js';
import { totpCode } from '../../auth/totp.js';
import { eachDriver } from '../../../test/databases.js';
import { startTestApi, TEST_NOW, type TestApi } from '../../../test/api.js';
import { enrolledSecret, signInWithSecondFactor, TestClock } from '../../../test/sign-in.js';

const CREATE = `mutation ($i: NewAccountInput!) {
  createAccount(input: $i) { temporaryPassword account { username role state jurisdiction jurisdictionName mustChangePassword createdBy } }
}`;
const GRANT = 'mutation ($u: ID!, $r: Role) { grantRole(username: $u, role: $r) { username role state } }';
const DISABLE = 'mutation ($u: ID!) { disableAccount(username: $u) { state openSessions } }';
const RESET = 'mutation ($u: ID!) { resetPassword(username: $u) { temporaryPassword account { mustChangePassword } } }';
const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { step token challenge } }`;
const CONTINUE = `mutation ($c: String!, $code: String, $p: String) {
  continueSignIn(challenge: $c, code: $code, newPassword: $p) { step token challenge recoveryCodes }
}`;
const ME = '{ me { username role } }';
const CLI: Actor = { kind: 'cli', name: 'test' };

eachDriver('account administration', (driver) => {
  let api: TestApi;
  const clock = new TestClock(TEST_NOW);
  let sysadmin: string;
  let secadmin: string;
  beforeAll(async () => {
    api = await startTestApi(driver, 'tiny', clock.now);
    sysadmin = (await signInWithSecondFactor(api, clock, 'demo-sysadmin')).token;
    secadmin = (await signInWithSecondFactor(api, clock, 'demo-secadmin')).token;
  });
  afterAll(() => api.stop());

  const create = (username: string, jurisdiction = '371702005001', token = sysadmin) =>
    api.gql(CREATE, { i: { username, displayName: '测试网格员', jurisdiction } }, token);

  it('takes an account from creation to a first sign-in with a password of its owner', async () => {
    const created = await create('wang.fang');
    expect(created.errors).toBeUndefined();
    const { temporaryPassword, account } = created.data.createAccount;
    expect(account).toMatchObject({
      username: 'wang.fang',
      role: null,
      state: 'awaiting_role',
      mustChangePassword: true,
      jurisdiction: '371702005001',
      jurisdictionName: '赵楼社区',
    });
    expect(account.createdBy).toBe('demo-sysadmin');
    // Until a role is granted, the right password only learns that it has none.
    const early = await api.gql(LOGIN, { u: 'wang.fang', p: temporaryPassword });
    expect(early.errors?.[0]?.extensions?.reason).toBe('no_role');

    const granted = await api.gql(GRANT, { u: 'wang.fang', r: 'gridworker' }, secadmin);
    expect(granted.data.grantRole).toEqual({ username: 'wang.fang', role: 'gridworker', state: 'active' });

    const first = (await api.gql(LOGIN, { u: 'wang.fang', p: temporaryPassword })).data.login;
    expect(first).toMatchObject({ step: 'change_password', token: null });
    const weak = await api.gql(CONTINUE, { c: first.challenge, p: 'abc' });
    expect(weak.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'newPassword',
      problems: [
        { rule: 'length', min: 10, actual: 3 },
        { rule: 'classes', min: 3, missing: ['uppercase', 'digit', 'symbol'] },
      ],
    });
    const reused = await api.gql(CONTINUE, { c: first.challenge, p: temporaryPassword });
    expect(reused.errors?.[0]?.extensions?.problems).toEqual([{ rule: 'reused', count: 5 }]);
    const named = await api.gql(CONTINUE, { c: first.challenge, p: 'Wang.Fang-2026' });
    expect(named.errors?.[0]?.extensions?.problems).toEqual([{ rule: 'username' }]);
    const done = (await api.gql(CONTINUE, { c: first.challenge, p: 'Heze-Grid-2026' })).data.continueSignIn;
    expect(done.step).toBe('done');
    expect((await api.gql(ME, {}, done.token)).data.me).toEqual({ username: 'wang.fang', role: 'gridworker' });
    // The challenge was for the old password: it cannot set another one.
    const replay = await api.gql(CONTINUE, { c: first.challenge, p: 'Another-Pass-2026' });
    expect(replay.errors?.[0]?.extensions?.reason).toBe('challenge');
  });

  it('signs a disabled account out at once and tells only its password that it is disabled', async () => {
    await create('li.qiang');
    await api.gql(GRANT, { u: 'li.qiang', r: 'operator' }, secadmin);
    const reset = (await api.gql(RESET, { u: 'li.qiang' }, sysadmin)).data.resetPassword;
    const first = (await api.gql(LOGIN, { u: 'li.qiang', p: reset.temporaryPassword })).data.login;
    const token = (await api.gql(CONTINUE, { c: first.challenge, p: 'Li-Qiang-Pass-1' })).data.continueSignIn.token;
    const disabled = await api.gql(DISABLE, { u: 'li.qiang' }, sysadmin);
    expect(disabled.data.disableAccount).toEqual({ state: 'disabled', openSessions: 0 });
    expect((await api.gql(ME, {}, token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(LOGIN, { u: 'li.qiang', p: 'wrong-password' })).errors?.[0]?.extensions?.reason).toBe(
      'credentials',
    );
    expect((await api.gql(LOGIN, { u: 'li.qiang', p: 'Li-Qiang-Pass-1' })).errors?.[0]?.extensions?.reason).toBe(
      'disabled',
    );
  });

  describe('separated duties', () => {
    it('lets neither the security nor the audit administrator create or disable accounts', async () => {
      const auditor = (await signInWithSecondFactor(api, clock, 'demo-auditadmin')).token;
      for (const token of [secadmin, auditor]) {
        expect((await create('x.someone', '371702005001', token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await api.gql(DISABLE, { u: 'demo-village' }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('lets the system administrator not grant roles, and nobody grant an administrator role in the product', async () => {
      expect((await api.gql(GRANT, { u: 'demo-village', r: 'leader' }, sysadmin)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      const admin = await api.gql(GRANT, { u: 'demo-village', r: 'sysadmin' }, secadmin);
      expect(admin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(admin.errors?.[0]?.message).toMatch(/npm run admin/);
    });

    it('keeps every administrator away from the map and governance data', async () => {
      for (const token of [sysadmin, secadmin]) {
        const res = await api.gql('{ cases(first: 1) { totalCount } }', {}, token);
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('keeps administrator accounts to the command line', async () => {
      const res = await api.gql(DISABLE, { u: 'demo-secadmin' }, sysadmin);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message).toMatch(/npm run admin/);
    });
  });

  describe('jurisdiction', () => {
    let townshipAdmin: string;
    beforeAll(async () => {
      await api.db.transaction((tx) =>
        createAccount(
          tx,
          CLI,
          {
            username: 'town-sysadmin',
            displayName: '牡丹街道系统管理员',
            jurisdiction: '371702005000',
            role: 'sysadmin',
            password: 'Town-Admin-2026',
          },
          clock.now(),
        ),
      );
      townshipAdmin = (await signInWithSecondFactor(api, clock, 'town-sysadmin', 'Town-Admin-2026')).token;
    });

    it('lets an administrator create accounts only inside their jurisdiction', async () => {
      expect((await create('in.town', '371702005003', townshipAdmin)).errors).toBeUndefined();
      const outside = await create('out.town', '371702001000', townshipAdmin);
      expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'jurisdiction' } });
    });

    it('lists only the accounts inside the jurisdiction and answers one outside as not found', async () => {
      const listed = (await api.gql('{ accounts { username jurisdiction } }', {}, townshipAdmin)).data.accounts;
      expect(listed.length).toBeGreaterThan(0);
      for (const a of listed) expect(a.jurisdiction.startsWith('371702005')).toBe(true);
      const city = await api.gql(DISABLE, { u: 'demo-city' }, townshipAdmin);
      expect(city.errors?.[0]).toMatchObject({
        message: 'account demo-city not found',
        extensions: { code: 'NOT_FOUND' },
      });
    });
  });

  describe('second factor', () => {
    it('asks for a code after the password, counts wrong codes toward the lockout and takes a recovery code once', async () => {
      const { recoveryCodes } = await signInWithSecondFactor(api, clock, 'demo-auditadmin');
      expect(recoveryCodes).toBeNull();
      const secret = enrolledSecret(api, 'demo-auditadmin')!;
      clock.advance(30_000);
      const step = (await api.gql(LOGIN, { u: 'demo-auditadmin', p: 'demo' })).data.login;
      expect(step).toMatchObject({ step: 'second_factor', token: null });
      const right = totpCode(secret, clock.now());
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
      expect((await api.gql(CONTINUE, { c: step.challenge, code: wrong })).errors?.[0]?.extensions?.reason).toBe(
        'code',
      );
      const done = (await api.gql(CONTINUE, { c: step.challenge, code: right })).data.continueSignIn;
      expect(done.step).toBe('done');
      // The same code again is refused: a code seen over a shoulder is worth nothing.
      const again = (await api.gql(LOGIN, { u: 'demo-auditadmin', p: 'demo' })).data.login;
      expect((await api.gql(CONTINUE, { c: again.challenge, code: right })).errors?.[0]?.extensions?.reason).toBe(
        'code',
      );
    });

    it('gives recovery codes once at enrolment; each signs in once', async () => {
      const { recoveryCodes } = await signInWithSecondFactor(api, clock, 'demo-planner');
      // The planner's role does not need a second factor: no enrolment, no codes.
      expect(recoveryCodes).toBeNull();
      await api.db.transaction((tx) =>
        createAccount(
          tx,
          CLI,
          {
            username: 'sec-two',
            displayName: '安全管理员二',
            jurisdiction: '371700000000',
            role: 'secadmin',
            password: 'Second-Sec-2026',
          },
          clock.now(),
        ),
      );
      const enrolled = await signInWithSecondFactor(api, clock, 'sec-two', 'Second-Sec-2026');
      expect(enrolled.recoveryCodes).toHaveLength(10);
      const code = enrolled.recoveryCodes![0]!;
      for (const expected of ['done', 'refused']) {
        clock.advance(30_000);
        const step = (await api.gql(LOGIN, { u: 'sec-two', p: 'Second-Sec-2026' })).data.login;
        const res = await api.gql(CONTINUE, { c: step.challenge, code: code.toLowerCase() });
        expect(res.data?.continueSignIn?.step ?? 'refused').toBe(expected);
      }
    });

    it('makes a business role sign in with a second factor once the security policy says so', async () => {
      const policy = await api.gql(
        `mutation { updateSecurityPolicy(policy: {
          password: { minLength: 12, minClasses: 3, forbidUsername: true, historyCount: 5, maxAgeDays: 90 },
          twoFactorRoles: [leader] }) { twoFactorRoles password { minLength } } }`,
        {},
        secadmin,
      );
      expect(policy.data.updateSecurityPolicy).toEqual({ twoFactorRoles: ['leader'], password: { minLength: 12 } });
      const step = (await api.gql(LOGIN, { u: 'demo-city', p: 'demo' })).data.login;
      expect(step.step).toBe('enrol_second_factor');
      const kiosk = await api.gql(
        `mutation { updateSecurityPolicy(policy: {
          password: { minLength: 12, minClasses: 3, forbidUsername: true, historyCount: 5, maxAgeDays: 90 },
          twoFactorRoles: [kiosk] }) { twoFactorRoles } }`,
        {},
        secadmin,
      );
      expect(kiosk.errors?.[0]?.extensions?.field).toBe('policy.twoFactorRoles');
      const weak = await api.gql(
        `mutation { updateSecurityPolicy(policy: {
          password: { minLength: 6, minClasses: 3, forbidUsername: true, historyCount: 5, maxAgeDays: 90 },
          twoFactorRoles: [] }) { twoFactorRoles } }`,
        {},
        secadmin,
      );
      expect(weak.errors?.[0]).toMatchObject({ extensions: { field: 'policy.password.minLength' } });
      await api.gql(
        `mutation { updateSecurityPolicy(policy: {
          password: { minLength: 10, minClasses: 3, forbidUsername: true, historyCount: 5, maxAgeDays: 90 },
          twoFactorRoles: [] }) { twoFactorRoles } }`,
        {},
        secadmin,
      );
    });
  });

  it('renews a token for the same session, and not once it is signed out', async () => {
    const token = await api.login('demo-township');
    const renewed = (await api.gql('mutation { renewToken { step token } }', {}, token)).data.renewToken;
    expect(renewed.step).toBe('done');
    expect((await api.gql(ME, {}, renewed.token)).data.me.username).toBe('demo-township');
    await api.gql('mutation { logout }', {}, renewed.token);
    expect((await api.gql('mutation { renewToken { token } }', {}, token)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it("changes one's own password only with the current one", async () => {
    const token = await api.login('demo-county');
    const wrong = await api.gql(
      'mutation { changePassword(currentPassword: "nope", newPassword: "County-Pass-2026") }',
      {},
      token,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const changed = await api.gql(
      'mutation { changePassword(currentPassword: "demo", newPassword: "County-Pass-2026") }',
      {},
      token,
    );
    expect(changed.data).toEqual({ changePassword: true });
    await expect(api.login('demo-county')).rejects.toThrow();
    expect(await api.login('demo-county', 'County-Pass-2026')).toMatch(/^ey/);
  });
});
