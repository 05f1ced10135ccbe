/** The account administration's GraphQL (server: graphql/features/accounts.ts). */

export type AccountState = 'active' | 'disabled' | 'locked' | 'awaiting_role';

export interface Account {
  username: string;
  displayName: string;
  role: string | null;
  jurisdiction: string;
  /** Null when the unit is not in the loaded map. */
  jurisdictionName: string | null;
  state: AccountState;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string | null;
  lastSignInAt: string | null;
  passwordChangedAt: string;
  mustChangePassword: boolean;
  twoFactor: boolean;
  openSessions: number;
}

export interface SecurityPolicy {
  password: {
    minLength: number;
    minClasses: number;
    forbidUsername: boolean;
    historyCount: number;
    maxAgeDays: number;
  };
  twoFactorRoles: string[];
}

const ACCOUNT = `username displayName role jurisdiction jurisdictionName state lockedUntil createdAt createdBy lastSignInAt
  passwordChangedAt mustChangePassword twoFactor openSessions`;
const POLICY = 'password { minLength minClasses forbidUsername historyCount maxAgeDays } twoFactorRoles';

export const ACCOUNTS = `query Accounts($search: String) { accounts(search: $search, first: 500) { ${ACCOUNT} } }`;

export const CREATE_ACCOUNT = `mutation CreateAccount($input: NewAccountInput!) {
  createAccount(input: $input) { temporaryPassword account { ${ACCOUNT} } }
}`;

export const UPDATE_ACCOUNT = `mutation UpdateAccount($username: ID!, $changes: AccountChangesInput!) {
  updateAccount(username: $username, changes: $changes) { ${ACCOUNT} }
}`;

export const RESET_PASSWORD = `mutation ResetPassword($username: ID!) {
  resetPassword(username: $username) { temporaryPassword account { ${ACCOUNT} } }
}`;

export const GRANT_ROLE = `mutation GrantRole($username: ID!, $role: Role) {
  grantRole(username: $username, role: $role) { ${ACCOUNT} }
}`;

/** The one-account changes that take nothing but the username, by the mutation's name. */
export const SIMPLE_CHANGES = {
  disableAccount: `mutation ($username: ID!) { disableAccount(username: $username) { ${ACCOUNT} } }`,
  enableAccount: `mutation ($username: ID!) { enableAccount(username: $username) { ${ACCOUNT} } }`,
  unlockAccount: `mutation ($username: ID!) { unlockAccount(username: $username) { ${ACCOUNT} } }`,
  resetSecondFactor: `mutation ($username: ID!) { resetSecondFactor(username: $username) { ${ACCOUNT} } }`,
  endSessions: `mutation ($username: ID!) { endSessions(username: $username) { ${ACCOUNT} } }`,
} as const;
export type SimpleChange = keyof typeof SIMPLE_CHANGES;

export const SECURITY_POLICY = `query SecurityPolicy { securityPolicy { ${POLICY} } }`;

export const UPDATE_SECURITY_POLICY = `mutation UpdateSecurityPolicy($policy: SecurityPolicyInput!) {
  updateSecurityPolicy(policy: $policy) { ${POLICY} }
}`;
