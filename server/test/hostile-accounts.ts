/**
 * The hostile-input registry of signing in and of account administration: the operations, and
 * the arbitraries of their input types. Administrators' mutations change throwaway accounts only
 * (see hostile-setup.ts), and refuse the administrator accounts they name.
 */
import fc from 'fast-check';
import { BUSINESS_ROLES, ROLES } from '../src/auth/roles.js';
import { hostileDateTime, nastyString, oneFieldHostile, wrongType } from './hostile.js';
import type { HostileOperation } from './hostile-arbitraries.js';
import { hostileId, UNIT_CODES, wrongCode, type Known } from './hostile-inputs.js';

type Arbitraries = Record<string, fc.Arbitrary<unknown>>;

const ADMINISTRATORS = ['demo-sysadmin', 'demo-secadmin', 'demo-auditadmin'];

/** A username an administrator's mutation names: the throwaway targets, administrators, none, junk. */
function target(known: Known): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known.signIn.targets) },
    fc.constantFrom(...ADMINISTRATORS, 'no-such-account', known.signIn.targets[0]!.toUpperCase(), 'hostile-%'),
    hostileId(known),
  );
}

const goodPassword = fc.constantFrom('Heze-Grid-2026', 'Mudan.Street-88');
const badPassword = fc.oneof(
  fc.constantFrom('demo', 'abc', 'abcdefghij', 'A'.repeat(257), '密码密码密码密码密码1A!', '\u0000Heze-Grid-2026'),
  nastyString,
  wrongType,
);

/** A challenge: the real ones of each kind, tampered ones, an unsigned JWT, and junk. */
function challenge(known: Known): fc.Arbitrary<unknown> {
  const real = known.signIn.challenges;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    fc.constantFrom(
      `${real[0]!.slice(0, -2)}xx`,
      real[0]!.split('.').slice(0, 2).join('.'),
      `${real[0]!.split('.').slice(0, 2).join('.')}.`,
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZW1vLXNlY2FkbWluIn0.',
      real[0]!.repeat(3),
      'x'.repeat(2001),
    ),
    nastyString,
    wrongType,
  );
}

export const ACCOUNT_MUTATIONS: Readonly<Record<string, HostileOperation>> = {
  login: {
    permission: null,
    refusalWrites: ['users', 'login_failures'],
    args: (known) => ({
      username: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...Object.values(known.signIn.targets), 'hostile-self') },
        fc.constantFrom('HOSTILE-SELF', 'hostile-self ', 'no-such-account', '', 'a'.repeat(65)),
        nastyString,
        wrongType,
      ),
      password: fc.oneof({ weight: 3, arbitrary: fc.constant('demo') }, fc.constantFrom('Demo', 'demo '), badPassword),
    }),
  },
  continueSignIn: {
    permission: null,
    refusalWrites: ['users'],
    args: (known) => ({
      challenge: challenge(known),
      code: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...known.signIn.codes) },
        fc.constantFrom(null, '000000', '12345', '1234567', '１２３４５６', 'abcdef', '0'.repeat(33)),
        nastyString,
        wrongType,
      ),
      newPassword: fc.oneof({ weight: 2, arbitrary: goodPassword }, fc.constant(null), badPassword),
    }),
  },
  renewToken: { permission: 'signed_in', actor: 'self' },
  changePassword: {
    permission: 'signed_in',
    actor: 'self',
    // A wrong current password counts towards the lockout.
    refusalWrites: ['users'],
    args: () => ({
      currentPassword: fc.oneof({ weight: 3, arbitrary: fc.constant('demo') }, badPassword),
      newPassword: fc.oneof({ weight: 2, arbitrary: goodPassword }, badPassword),
    }),
  },
  logout: { permission: 'signed_in', actor: 'self' },
  createAccount: { permission: 'manage_accounts' },
  updateAccount: { permission: 'manage_accounts', args: (known) => ({ username: target(known) }) },
  disableAccount: { permission: 'manage_accounts', args: (known) => ({ username: target(known) }) },
  enableAccount: { permission: 'manage_accounts', args: (known) => ({ username: target(known) }) },
  resetPassword: { permission: 'manage_accounts', args: (known) => ({ username: target(known) }) },
  grantRole: {
    permission: 'manage_security',
    args: (known) => ({
      username: target(known),
      role: fc.oneof(fc.constantFrom(null, ...ROLES), fc.constantFrom('ADMIN', 'root', ''), nastyString, wrongType),
    }),
  },
  unlockAccount: { permission: 'manage_security', args: (known) => ({ username: target(known) }) },
  resetSecondFactor: { permission: 'manage_security', args: (known) => ({ username: target(known) }) },
  endSessions: { permission: 'manage_security', args: (known) => ({ username: target(known) }) },
  updateSecurityPolicy: { permission: 'manage_security' },
};

export const ACCOUNT_QUERIES: Readonly<Record<string, HostileOperation>> = {
  accounts: { permission: ['manage_accounts', 'manage_security'] },
  auditLog: { permission: 'read_audit' },
};

/** A policy field: integers inside its bounds, at them and beyond them (the resolver's to refuse). */
const policyNumber = (min: number, max: number) =>
  fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, fc.constantFrom(min - 1, max + 1, -1, 2 ** 31 - 1));

/** Arbitraries of the account input types, by name. */
export function accountInputArbitraries(known: Known): Arbitraries {
  const newAccount = fc.record({
    username: fc.stringMatching(/^hostile-new-[a-z0-9]{1,8}$/),
    displayName: fc.constantFrom('测试网格员', '王芳'),
    jurisdiction: fc.constantFrom(...UNIT_CODES),
  });
  const wellTypedRules = fc.record({
    minLength: policyNumber(8, 64),
    minClasses: policyNumber(3, 4),
    forbidUsername: fc.boolean(),
    historyCount: policyNumber(0, 24),
    maxAgeDays: policyNumber(0, 365),
  });
  const notAnInteger = fc.oneof(fc.constantFrom(1.5, '10', null, 2 ** 31), wrongType);
  const passwordRules = fc.oneof(
    { weight: 3, arbitrary: wellTypedRules },
    oneFieldHostile(wellTypedRules, {
      minLength: notAnInteger,
      minClasses: notAnInteger,
      forbidUsername: wrongType,
      historyCount: notAnInteger,
      maxAgeDays: notAnInteger,
    }),
  );
  const displayName = fc.oneof(fc.constantFrom('  ', '名'.repeat(65), '王\u202E芳'), nastyString, wrongType);
  const jurisdiction = fc.oneof(wrongCode, fc.constantFrom('371702005999', '110000000000'), hostileId(known));
  return {
    NewAccountInput: fc.oneof(
      { weight: 2, arbitrary: newAccount },
      newAccount.chain((a) =>
        fc.oneof(
          fc
            .oneof(
              fc.constantFrom('ab', 'a'.repeat(33), 'wang fang', 'wang/fang', '王芳', 'demo-city', ...ADMINISTRATORS),
              nastyString,
              wrongType,
            )
            .map((username) => ({ ...a, username })),
          displayName.map((name) => ({ ...a, displayName: name })),
          jurisdiction.map((code) => ({ ...a, jurisdiction: code })),
          fc.constant({ ...a, role: 'admin' }),
        ),
      ),
      wrongType,
    ),
    AccountChangesInput: fc.oneof(
      fc.record(
        {
          displayName: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(null, '新名字') }, displayName),
          jurisdiction: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(null, ...UNIT_CODES) }, jurisdiction),
        },
        { requiredKeys: [] },
      ),
      wrongType,
    ),
    PasswordRulesInput: fc.oneof({ weight: 4, arbitrary: passwordRules }, wrongType),
    SecurityPolicyInput: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          password: passwordRules,
          twoFactorRoles: fc.oneof(
            { weight: 4, arbitrary: fc.subarray([...BUSINESS_ROLES]) },
            fc.constantFrom(['sysadmin'], ['leader', 'leader'], ['kiosk'], 'leader', null, ['LEADER']),
            wrongType,
          ),
        }),
      },
      wrongType,
    ),
    AuditFilter: fc.oneof(
      fc.record(
        {
          from: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(null, '2026-06-01T00:00:00+08:00') }, hostileDateTime),
          to: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(null, '2026-07-01T00:00:00+08:00') }, hostileDateTime),
          username: fc.oneof(fc.constantFrom(null, 'demo-city', ''), nastyString, wrongType),
          operation: fc.oneof(fc.constantFrom(null, 'login', 'advanceCase'), nastyString, wrongType),
          target: fc.oneof(fc.constantFrom(null, '3717', '%', '_', '\\'), nastyString, wrongType),
          outcome: fc.oneof(fc.constantFrom(null, 'ok', 'denied_role', 'OK', 'success'), wrongType),
        },
        { requiredKeys: [] },
      ),
      wrongType,
    ),
  };
}
