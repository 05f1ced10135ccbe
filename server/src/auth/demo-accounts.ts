/**
 * Demo accounts (password `demo`), created in demo mode only. A production server refuses to
 * start while any enabled account still has the demo password.
 */
import type { Database } from '../db/database.js';
import { findActiveUserHashes, insertMissingUsers } from '../db/queries/users.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';

export const DEMO_PASSWORD = 'demo';

export const DEMO_ACCOUNTS: readonly {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
  /** A department account's department (demo-departments.ts numbers them within their center). */
  departmentCode?: string;
}[] = [
  { username: 'demo-city', displayName: '市综治中心领导（演示）', role: 'leader', jurisdictionCode: '371700000000' },
  {
    username: 'demo-county',
    displayName: '牡丹区综治中心（演示）',
    role: 'operator',
    jurisdictionCode: '371702000000',
  },
  {
    username: 'demo-township',
    displayName: '牡丹街道综治中心（演示）',
    role: 'operator',
    jurisdictionCode: '371702005000',
  },
  {
    username: 'demo-village',
    displayName: '赵楼社区网格员（演示）',
    role: 'gridworker',
    jurisdictionCode: '371702005001',
  },
  {
    username: 'demo-planner',
    displayName: '牡丹街道网格规划员（演示）',
    role: 'planner',
    jurisdictionCode: '371702005000',
  },
  { username: 'demo-admin', displayName: '数据管理员（演示）', role: 'admin', jurisdictionCode: '371700000000' },
  {
    username: 'demo-sysadmin',
    displayName: '系统管理员（演示）',
    role: 'sysadmin',
    jurisdictionCode: '371700000000',
  },
  {
    username: 'demo-secadmin',
    displayName: '安全管理员（演示）',
    role: 'secadmin',
    jurisdictionCode: '371700000000',
  },
  {
    username: 'demo-auditadmin',
    displayName: '审计管理员（演示）',
    role: 'auditadmin',
    jurisdictionCode: '371700000000',
  },
  { username: 'demo-wall', displayName: '指挥中心大屏（演示）', role: 'kiosk', jurisdictionCode: '371700000000' },
  {
    username: 'demo-department',
    displayName: '牡丹派出所（演示）',
    role: 'department',
    jurisdictionCode: '371702005000',
    departmentCode: '37170200500001',
  },
];

export async function ensureDemoAccounts(db: Database): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return insertMissingUsers(
    db,
    DEMO_ACCOUNTS.map((a) => ({ ...a, passwordHash: hash })),
  );
}

/** A province server's own demo accounts: a leader and the wall, both over the whole province. */
export function provinceDemoAccounts(provinceCode: string) {
  return [
    {
      username: 'demo-province',
      displayName: '省综治中心领导（演示）',
      role: 'leader' as const,
      jurisdictionCode: provinceCode,
    },
    {
      username: 'demo-province-wall',
      displayName: '省指挥中心大屏（演示）',
      role: 'kiosk' as const,
      jurisdictionCode: provinceCode,
    },
  ];
}

/** Creates the province's demo accounts that are missing; returns how many it created. */
export async function ensureProvinceDemoAccounts(db: Database, provinceCode: string): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return insertMissingUsers(
    db,
    provinceDemoAccounts(provinceCode).map((a) => ({ ...a, passwordHash: hash })),
  );
}

/** The enabled accounts whose password is still the demo password. */
export async function findAccountsWithDemoPassword(db: Database): Promise<string[]> {
  const found: string[] = [];
  for (const { username, password_hash } of await findActiveUserHashes(db)) {
    if (await verifyPassword(DEMO_PASSWORD, password_hash)) found.push(username);
  }
  return found;
}

/**
 * Accounts at start: in production, refuse (throw) while any account has the demo password;
 * otherwise create the missing demo accounts. Returns the usernames created.
 */
export async function prepareAccounts(db: Database, production: boolean): Promise<string[]> {
  if (production) {
    const demo = await findAccountsWithDemoPassword(db);
    if (demo.length > 0) {
      throw new Error(`refusing to start in production: accounts ${demo.join(', ')} still have the demo password`);
    }
    return [];
  }
  const created = await ensureDemoAccounts(db);
  return created > 0 ? DEMO_ACCOUNTS.map((a) => a.username) : [];
}
