/**
 * The test API the hostile-input specs run against: every demo account signed in (the
 * administrators with their second factor), throwaway accounts that account mutations may spoil
 * (the demo accounts' own tokens must outlive every property), sign-in challenges of each kind
 * with the codes that answer them, and a way to put the throwaway accounts back after each call.
 */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/auth/demo-accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { SECURITY_POLICY_SETTING } from '../src/auth/security-policy.js';
import { totpCode } from '../src/auth/totp.js';
import type { Queryable } from '../src/db/database.js';
import { insertMissingUsers } from '../src/db/queries/users.js';
import { EventBus } from '../src/events/bus.js';
import { startTestApi, TEST_NOW, type TestApi } from './api.js';
import type { Driver } from './databases.js';
import { readKnown, type Known } from './hostile-inputs.js';
import { enrolledSecret, signInWithSecondFactor, TestClock } from './sign-in.js';

/** Every throwaway account's name starts so: restoring them is one LIKE. */
export const THROWAWAY_PREFIX = 'hostile-';

/**
 * Throwaway accounts: `self` calls the mutations that act on the caller's own account or session
 * (each call signs it in anew), the targets are what the administrators' mutations change, the
 * others give sign-in challenges.
 */
export const THROWAWAY = {
  self: 'hostile-self',
  targets: ['hostile-target-1', 'hostile-target-2'],
  mustChange: 'hostile-reset',
  secondFactor: 'hostile-secadmin',
  enrol: 'hostile-enrol',
} as const;

const ACCOUNTS = [
  { username: THROWAWAY.self, role: 'gridworker', jurisdictionCode: '371702005001' },
  { username: THROWAWAY.targets[0], role: 'gridworker', jurisdictionCode: '371702005001' },
  { username: THROWAWAY.targets[1], role: 'operator', jurisdictionCode: '371702005000' },
  { username: THROWAWAY.mustChange, role: 'gridworker', jurisdictionCode: '371702005001' },
  { username: THROWAWAY.secondFactor, role: 'secadmin', jurisdictionCode: '371700000000' },
  { username: THROWAWAY.enrol, role: 'auditadmin', jurisdictionCode: '371700000000' },
] as const;

export interface HostileApi {
  api: TestApi;
  /** The API's live-event bus: subscriptions' events are published on it. */
  events: EventBus;
  known: Known;
  /** A token of every demo account, by username. */
  tokens: Record<string, string>;
  /** Signs the `self` account in anew (for a call that may end its session). */
  freshSelf(): Promise<string>;
  /** Puts the throwaway accounts and the security policy back as they were after setup. */
  restore(): Promise<void>;
}

async function snapshotOf(db: Queryable) {
  const users = await db.query<{ rows: string }>(
    `SELECT coalesce(json_agg(u), '[]')::text AS rows FROM users u WHERE username LIKE '${THROWAWAY_PREFIX}%'`,
  );
  const policy = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
    SECURITY_POLICY_SETTING,
  ]);
  return { users: users.rows[0]!.rows, policy: policy.rows[0]?.value ?? null };
}

export async function startHostileApi(driver: Driver): Promise<HostileApi> {
  const clock = new TestClock(TEST_NOW);
  const events = new EventBus();
  const api = await startTestApi(driver, 'tiny', clock.now, events);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await insertMissingUsers(
    api.db,
    ACCOUNTS.map((a) => ({ ...a, displayName: `${a.username}（测试）`, passwordHash })),
  );
  await api.db.query('UPDATE users SET must_change_password = true WHERE username = $1', [THROWAWAY.mustChange]);

  const tokens: Record<string, string> = {};
  for (const { username, role } of DEMO_ACCOUNTS) {
    const administrator = role === 'sysadmin' || role === 'secadmin' || role === 'auditadmin';
    tokens[username] = administrator
      ? (await signInWithSecondFactor(api, clock, username)).token
      : await api.login(username);
  }
  await signInWithSecondFactor(api, clock, THROWAWAY.secondFactor);
  // The clock stands still from here: every challenge and code below stays valid.
  clock.advance(30_000);
  const login = async (username: string) =>
    (
      await api.gql<{ login: { challenge: string; enrolment: { secret: string } | null } }>(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { challenge enrolment { secret } } }',
        { u: username, p: DEMO_PASSWORD },
      )
    ).data!.login;
  const mustChange = await login(THROWAWAY.mustChange);
  const secondFactor = await login(THROWAWAY.secondFactor);
  const enrol = await login(THROWAWAY.enrol);
  const signIn = {
    challenges: [mustChange.challenge, secondFactor.challenge, enrol.challenge],
    codes: [
      totpCode(enrolledSecret(api, THROWAWAY.secondFactor)!, clock.now()),
      totpCode(enrol.enrolment!.secret, clock.now()),
    ],
    targets: [...THROWAWAY.targets],
  };

  const snapshot = await snapshotOf(api.db);
  const known = { ...(await readKnown(api.db)), signIn };
  return {
    api,
    events,
    known,
    tokens,
    freshSelf: () => api.login(THROWAWAY.self),
    async restore() {
      await api.db.transaction(async (tx) => {
        // Sessions, password history and recovery codes go with the rows (ON DELETE CASCADE).
        await tx.query(`DELETE FROM users WHERE username LIKE '${THROWAWAY_PREFIX}%'`);
        await tx.query('INSERT INTO users SELECT * FROM json_populate_recordset(null::users, $1::json)', [
          snapshot.users,
        ]);
        await tx.query('DELETE FROM login_failures');
        if (snapshot.policy === null) await tx.query('DELETE FROM settings WHERE key = $1', [SECURITY_POLICY_SETTING]);
        else
          await tx.query('UPDATE settings SET value = $2 WHERE key = $1', [SECURITY_POLICY_SETTING, snapshot.policy]);
      });
    },
  };
}
