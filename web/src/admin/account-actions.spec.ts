import { describe, expect, it } from 'vitest';
import { actionsFor, sortAccounts } from './account-actions.js';
import type { Account } from './accounts-api.js';

function buildAccount(overrides: Partial<Account> = {}): Account {
  return {
    username: 'wang.fang',
    displayName: '王芳',
    role: 'gridworker',
    jurisdiction: '371702005001',
    jurisdictionName: '赵楼社区',
    state: 'active',
    lockedUntil: null,
    createdAt: '2026-06-01T00:00:00Z',
    createdBy: 'demo-sysadmin',
    lastSignInAt: null,
    passwordChangedAt: '2026-06-01T00:00:00Z',
    mustChangePassword: false,
    twoFactor: false,
    openSessions: 0,
    ...overrides,
  };
}

const sysadmin = { username: 'demo-sysadmin', permissions: ['manage_accounts'] };
const secadmin = { username: 'demo-secadmin', permissions: ['manage_security'] };

describe('what an administrator is offered', () => {
  it('gives the system administrator editing, disabling and password resets, and no role grants', () => {
    expect(actionsFor(buildAccount(), sysadmin)).toEqual(['edit', 'disable', 'resetPassword']);
    expect(actionsFor(buildAccount({ state: 'disabled' }), sysadmin)).toEqual(['edit', 'enable', 'resetPassword']);
  });

  it('gives the security administrator what the account needs: unlock when locked, 2FA reset when enrolled', () => {
    expect(actionsFor(buildAccount(), secadmin)).toEqual(['grantRole']);
    expect(actionsFor(buildAccount({ state: 'locked', twoFactor: true, openSessions: 2 }), secadmin)).toEqual([
      'grantRole',
      'unlock',
      'resetSecondFactor',
      'endSessions',
    ]);
  });

  it('offers nothing on administrator accounts or on the viewer’s own', () => {
    expect(actionsFor(buildAccount({ role: 'auditadmin' }), sysadmin)).toEqual([]);
    expect(actionsFor(buildAccount({ username: 'demo-sysadmin', role: 'sysadmin' }), sysadmin)).toEqual([]);
    expect(actionsFor(buildAccount({ username: 'demo-sysadmin', role: 'gridworker' }), sysadmin)).toEqual([]);
  });

  it('lists locked and waiting accounts before the others', () => {
    const sorted = sortAccounts([
      buildAccount({ username: 'a' }),
      buildAccount({ username: 'b', state: 'awaiting_role' }),
      buildAccount({ username: 'c', state: 'locked' }),
      buildAccount({ username: 'd', state: 'disabled' }),
    ]);
    expect(sorted.map((a) => a.username)).toEqual(['c', 'b', 'a', 'd']);
  });
});
