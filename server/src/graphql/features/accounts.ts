/**
 * Account administration over GraphQL (三员分立): the system administrator creates and edits
 * accounts, the security administrator grants roles, unlocks, resets second factors and sets the
 * policy. Thin: the use cases are in server/src/accounts/.
 */
import type { AccountError, Actor, Changed } from '../../accounts/actor.js';
import {
  createAccount,
  listAccounts,
  resetPassword,
  setAccountEnabled,
  updateAccount,
} from '../../accounts/administration.js';
import {
  endAccountSessions,
  grantRole,
  loadSecurityPolicy,
  resetSecondFactor,
  unlock,
  updateSecurityPolicy,
} from '../../accounts/security.js';
import { isLocked } from '../../auth/lockout.js';
import type { Role } from '../../auth/roles.js';
import type { Queryable } from '../../db/database.js';
import type { AccountRow } from '../../db/queries/accounts.js';
import type { Result } from '../../domain/result.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { badInput } from '../../errors.js';
import { accountError, accountMutation } from './account-mutation.js';

export const accountsTypeDefs = /* GraphQL */ `
  enum AccountState {
    "May sign in."
    active
    "Disabled by the system administrator."
    disabled
    "Locked after repeated failed sign-ins, until lockedUntil or an unlock."
    locked
    "Created, but no role granted yet by the security administrator."
    awaiting_role
  }

  "An account as its administrators see it."
  type Account {
    username: ID!
    displayName: String!
    "Null while the account awaits a role."
    role: Role
    "The admin unit (12-digit code) the account sees and acts in."
    jurisdiction: ID!
    "The jurisdiction unit's name (null when that unit is not in the loaded map)."
    jurisdictionName: String
    state: AccountState!
    lockedUntil: DateTime
    createdAt: DateTime!
    "Who created it (an administrator, or cli:<user> for the server's command line)."
    createdBy: String
    lastSignInAt: DateTime
    passwordChangedAt: DateTime!
    "The password must be changed at the next sign-in (reset or expired)."
    mustChangePassword: Boolean!
    "A second factor (authenticator app) is enrolled."
    twoFactor: Boolean!
    "Sessions open now."
    openSessions: Int!
  }

  "A new or reset account with its temporary password: shown once, to be changed at first sign-in."
  type AccountWithPassword {
    account: Account!
    temporaryPassword: String!
  }

  input NewAccountInput {
    "3–32 letters, digits, '.', '_' or '-'."
    username: String!
    displayName: String!
    "A 12-digit admin unit code inside your jurisdiction."
    jurisdiction: ID!
  }

  input AccountChangesInput {
    displayName: String
    jurisdiction: ID
  }

  type SecurityPolicy {
    password: PasswordRules!
    "Business roles that sign in with a second factor too (the three administrators always do)."
    twoFactorRoles: [Role!]!
  }

  input PasswordRulesInput {
    minLength: Int!
    minClasses: Int!
    forbidUsername: Boolean!
    historyCount: Int!
    maxAgeDays: Int!
  }

  input SecurityPolicyInput {
    password: PasswordRulesInput!
    twoFactorRoles: [Role!]!
  }

  extend type Query {
    "Accounts inside your jurisdiction (system and security administrators), by username."
    accounts(search: String, first: Int): [Account!]!
    "The security policy in force (security administrator)."
    securityPolicy: SecurityPolicy!
  }

  extend type Mutation {
    "Creates an account awaiting a role, with a temporary password (system administrator)."
    createAccount(input: NewAccountInput!): AccountWithPassword!
    "Changes an account's display name or jurisdiction; a new jurisdiction signs it out (system administrator)."
    updateAccount(username: ID!, changes: AccountChangesInput!): Account!
    "Disables an account and signs it out everywhere at once (system administrator)."
    disableAccount(username: ID!): Account!
    enableAccount(username: ID!): Account!
    "A temporary password, to be changed at the next sign-in; signs the account out (system administrator)."
    resetPassword(username: ID!): AccountWithPassword!
    "Grants a business role, or none with null; signs the account out (security administrator)."
    grantRole(username: ID!, role: Role): Account!
    "Ends a lockout (security administrator)."
    unlockAccount(username: ID!): Account!
    "Removes the second factor (a lost phone); the next sign-in enrols one where required (security administrator)."
    resetSecondFactor(username: ID!): Account!
    "Signs an account out everywhere (security administrator)."
    endSessions(username: ID!): Account!
    "Sets the password policy and the roles that sign in with a second factor (security administrator)."
    updateSecurityPolicy(policy: SecurityPolicyInput!): SecurityPolicy!
  }
`;

function toAccount(row: AccountRow, now: Date) {
  const locked = isLocked({ failedLogins: row.failed_logins, lockedUntil: row.locked_until }, now);
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    jurisdiction: row.jurisdiction_code,
    jurisdictionName: row.jurisdiction_name,
    state: row.disabled ? 'disabled' : locked ? 'locked' : row.role === null ? 'awaiting_role' : 'active',
    lockedUntil: locked ? row.locked_until : null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastSignInAt: row.last_sign_in_at,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: row.must_change_password,
    twoFactor: row.two_factor,
    openSessions: row.open_sessions,
  };
}

const actorOf = (ctx: GraphQLContext): Actor => ({ kind: 'viewer', viewer: requireViewer(ctx) });

type AccountChange<A> = (
  tx: Queryable,
  actor: Actor,
  args: A,
  now: Date,
) => Promise<Result<Changed<AccountRow> | AccountRow, AccountError>>;

/** One administrator's change to one account, answered with the Account it leaves. */
function change<A extends { username: string }>(operation: string, run: AccountChange<A>) {
  return async (_: unknown, args: A, ctx: GraphQLContext) => {
    const viewer = requireViewer(ctx);
    const row = await accountMutation(ctx, viewer, operation, args.username, (tx) =>
      run(tx, { kind: 'viewer', viewer }, args, ctx.now()),
    );
    return toAccount(row, ctx.now());
  };
}

export const accountsResolvers = {
  Query: {
    accounts: async (_: unknown, args: { search?: string | null; first?: number | null }, ctx: GraphQLContext) => {
      const first = args.first ?? 200;
      if (!Number.isInteger(first) || first < 1 || first > 1000) throw badInput('first', 'must be 1 to 1000');
      if ((args.search ?? '').length > 64) throw badInput('search', 'is longer than 64 characters');
      const result = await listAccounts(
        ctx.db,
        actorOf(ctx),
        { search: args.search?.trim() || null, first },
        ctx.now(),
      );
      if (!result.ok) throw accountError(result.error);
      return result.value.map((row) => toAccount(row, ctx.now()));
    },
    securityPolicy: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      if (viewer.role !== 'secadmin')
        throw accountError({ kind: 'forbidden', message: `role ${viewer.role} may not manage security` });
      return loadSecurityPolicy(ctx.db);
    },
  },
  Mutation: {
    createAccount: async (
      _: unknown,
      { input }: { input: { username: string; displayName: string; jurisdiction: string } },
      ctx: GraphQLContext,
    ) => {
      const viewer = requireViewer(ctx);
      const created = await accountMutation(ctx, viewer, 'createAccount', input.username, (tx) =>
        createAccount(tx, actorOf(ctx), input, ctx.now()),
      );
      return { account: toAccount(created.account, ctx.now()), temporaryPassword: created.temporaryPassword };
    },
    updateAccount: change(
      'updateAccount',
      (
        tx,
        actor,
        args: { username: string; changes: { displayName?: string | null; jurisdiction?: string | null } },
        now,
      ) => updateAccount(tx, actor, { username: args.username, ...args.changes }, now),
    ),
    disableAccount: change('disableAccount', (tx, actor, args, now) =>
      setAccountEnabled(tx, actor, args.username, false, now),
    ),
    enableAccount: change('enableAccount', (tx, actor, args, now) =>
      setAccountEnabled(tx, actor, args.username, true, now),
    ),
    resetPassword: async (_: unknown, args: { username: string }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const reset = await accountMutation(ctx, viewer, 'resetPassword', args.username, (tx) =>
        resetPassword(tx, actorOf(ctx), args.username, ctx.now()),
      );
      return { account: toAccount(reset.account, ctx.now()), temporaryPassword: reset.temporaryPassword };
    },
    grantRole: change('grantRole', (tx, actor, args: { username: string; role?: Role | null }, now) =>
      grantRole(tx, actor, args.username, args.role ?? null, now),
    ),
    unlockAccount: change('unlockAccount', (tx, actor, args, now) => unlock(tx, actor, args.username, now)),
    resetSecondFactor: change('resetSecondFactor', (tx, actor, args, now) =>
      resetSecondFactor(tx, actor, args.username, now),
    ),
    endSessions: change('endSessions', (tx, actor, args, now) => endAccountSessions(tx, actor, args.username, now)),
    updateSecurityPolicy: async (_: unknown, args: { policy: unknown }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      return accountMutation(ctx, viewer, 'updateSecurityPolicy', null, (tx) =>
        updateSecurityPolicy(tx, actorOf(ctx), args.policy),
      );
    },
  },
};
