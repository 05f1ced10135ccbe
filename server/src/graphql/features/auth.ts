/** Signing in (in steps), renewing and ending a session, one's own password, and who am I. */
import { changeOwnPassword } from '../../accounts/own-password.js';
import { loadSecurityPolicy } from '../../accounts/security.js';
import { continueSignIn, login, type LoginRefusal, type SignInProgress } from '../../auth/login.js';
import { permissionsOf, type Role } from '../../auth/roles.js';
import { renewSession } from '../../auth/renew.js';
import { idleLimitOf } from '../../auth/sessions.js';
import { dataKeyOf } from '../../auth/viewer.js';
import { revokeSession } from '../../db/queries/sessions.js';
import { auditedMutation } from '../audited.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { accountMutation } from './account-mutation.js';
import { badInput, unauthenticated } from '../../errors.js';

export const authTypeDefs = /* GraphQL */ `
  "What an account may do (see server/src/auth/roles.ts)."
  enum Role {
    "Leader: reviews, supervises cases."
    leader
    "Center operator: registers and moves cases, keeps the camera and risk-point registers."
    operator
    "Grid worker: registers and moves cases, records inspections."
    gridworker
    "Grid planner: redraws grids."
    planner
    "Data administrator: imports, publishes the stability index, reorganises grids."
    admin
    "Wall screen: reads the map, unattended."
    kiosk
    "A department stationed in a center: answers the cases dispatched to it, and reads only those."
    department
    "System administrator (系统管理员): creates and edits accounts; no governance data."
    sysadmin
    "Security administrator (安全管理员): grants roles, password policy, unlocks; no governance data."
    secadmin
    "Audit administrator (审计管理员): reads, exports and verifies the audit record only."
    auditadmin
  }

  "The logged-in account."
  type User {
    username: ID!
    displayName: String!
    role: Role!
    "The admin unit (12-digit code) whose territory this account sees and acts in."
    jurisdiction: ID!
    "What the role may do (for a screen to offer only that)."
    permissions: [String!]!
    "Seconds without a request after which this account's session ends (a screen signs out then); null: never (the wall)."
    idleSeconds: Int
  }

  "Where a sign-in stands."
  enum SignInStep {
    "Signed in: token, expiresAt and user are set."
    done
    "Give a code of your authenticator app (or a recovery code) with continueSignIn."
    second_factor
    "Your password was reset or has expired: give a new one with continueSignIn."
    change_password
    "Your role signs in with a second factor: add enrolment's secret to an authenticator app, then give a code."
    enrol_second_factor
  }

  "A TOTP secret to enrol in an authenticator app (RFC 6238: SHA-1, 6 digits, 30 s)."
  type SecondFactorEnrolment {
    "The secret in base32, to type in by hand."
    secret: String!
    "The otpauth:// address the QR code holds."
    uri: String!
    "The QR code as an SVG image, drawn by the server (no outside service)."
    qrSvg: String!
  }

  type AuthPayload {
    step: SignInStep!
    "Send as 'Authorization: Bearer <token>' (step done)."
    token: String
    expiresAt: DateTime
    user: User
    "For the next step (continueSignIn); valid for five minutes."
    challenge: String
    "For step enrol_second_factor."
    enrolment: SecondFactorEnrolment
    "Shown once, right after a second factor was enrolled: each signs in once without the app."
    recoveryCodes: [String!]
    "For step change_password: the rules the new password must meet (there is no token yet to ask passwordRules)."
    passwordRules: PasswordRules
  }

  "The password rules in force, for a screen to show before one types."
  type PasswordRules {
    minLength: Int!
    minClasses: Int!
    forbidUsername: Boolean!
    historyCount: Int!
    maxAgeDays: Int!
  }

  extend type Query {
    "The account the request is made with; null without a token."
    me: User
    "The password rules in force (any signed-in account)."
    passwordRules: PasswordRules!
  }

  extend type Mutation {
    """
    Signs in with the password: a token (step done), or a challenge for the next step. Five wrong
    passwords or codes lock the account for 15 minutes. Every attempt is audited.
    """
    login(username: String!, password: String!): AuthPayload!
    "The next step of a sign-in: code for second_factor and enrol_second_factor, newPassword for change_password."
    continueSignIn(challenge: String!, code: String, newPassword: String): AuthPayload!
    "A new token for the same session, while it is neither signed out nor idle past the limit."
    renewToken: AuthPayload!
    "Changes your own password; your other sessions end."
    changePassword(currentPassword: String!, newPassword: String!): Boolean!
    """
    Signs out: the token's session ends at once, for HTTP and for its open WebSocket
    subscriptions. True when it was open.
    """
    logout: Boolean!
  }
`;

const tooLong = (field: string, max: number) =>
  badInput(field, 'is too long', {}, { reason: 'too_long', params: { max } });

function refusal(error: LoginRefusal) {
  switch (error.kind) {
    case 'locked':
      return unauthenticated(`account locked after repeated failed sign-ins until ${error.until.toISOString()}`, {
        reason: 'locked',
        lockedUntil: error.until.toISOString(),
      });
    case 'disabled':
      return unauthenticated('account disabled', { reason: 'disabled' });
    case 'no_role':
      return unauthenticated('the account has no role yet: ask the security administrator', { reason: 'no_role' });
    case 'bad_code':
      return unauthenticated('wrong code', { reason: 'code' });
    case 'bad_challenge':
      return unauthenticated('this sign-in has expired or was already used: start again', { reason: 'challenge' });
    case 'weak_password':
      return badInput(
        'newPassword',
        'does not meet the password rules',
        { problems: error.problems },
        {
          reason: 'password_rules',
        },
      );
    default:
      return unauthenticated('wrong username or password', { reason: 'credentials' });
  }
}

const toPayload = (progress: SignInProgress) =>
  progress.step === 'done'
    ? { ...progress, user: { ...progress.user, permissions: permissionsOf(progress.user.role) } }
    : progress;

async function signInSettings(ctx: GraphQLContext) {
  return {
    secret: ctx.auth.secret,
    ttlSeconds: ctx.auth.tokenTtlSeconds,
    now: ctx.now(),
    dataKey: dataKeyOf(ctx.auth),
    policy: await loadSecurityPolicy(ctx.db),
  };
}

export const authResolvers = {
  User: {
    idleSeconds: (user: { role: Role }, _: unknown, ctx: GraphQLContext) =>
      idleLimitOf(user.role, ctx.auth.idleSeconds ?? null),
  },
  AuthPayload: {
    passwordRules: async (payload: { step: string }, _: unknown, ctx: GraphQLContext) =>
      payload.step === 'change_password' ? (await loadSecurityPolicy(ctx.db)).password : null,
  },
  Query: {
    me: (_: unknown, __: unknown, ctx: GraphQLContext) =>
      ctx.viewer && {
        username: ctx.viewer.username,
        displayName: ctx.viewer.username,
        role: ctx.viewer.role,
        jurisdiction: ctx.viewer.jurisdiction,
        permissions: permissionsOf(ctx.viewer.role),
      },
    passwordRules: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requireViewer(ctx);
      return (await loadSecurityPolicy(ctx.db)).password;
    },
  },
  Mutation: {
    login: async (_: unknown, args: { username: string; password: string }, ctx: GraphQLContext) => {
      if (args.username.length === 0 || args.username.length > 64) {
        throw badInput(
          'username',
          'must be 1–64 characters',
          {},
          { reason: 'out_of_range', params: { min: 1, max: 64 } },
        );
      }
      if (args.password.length > 256) throw tooLong('password', 256);
      const result = await login(ctx.db, args, await signInSettings(ctx));
      if (!result.ok) throw refusal(result.error);
      return toPayload(result.value);
    },
    continueSignIn: async (
      _: unknown,
      args: { challenge: string; code?: string | null; newPassword?: string | null },
      ctx: GraphQLContext,
    ) => {
      if (args.challenge.length > 2000) throw tooLong('challenge', 2000);
      if ((args.code ?? '').length > 32) throw tooLong('code', 32);
      if ((args.newPassword ?? '').length > 256) throw tooLong('newPassword', 256);
      const result = await continueSignIn(ctx.db, args, await signInSettings(ctx));
      if (!result.ok) throw refusal(result.error);
      return toPayload(result.value);
    },
    renewToken: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const renewed = await auditedMutation(ctx, viewer, 'renewToken', null, (tx) =>
        renewSession(tx, viewer, { secret: ctx.auth.secret, ttlSeconds: ctx.auth.tokenTtlSeconds, now: ctx.now() }),
      );
      return toPayload({ step: 'done', ...renewed });
    },
    changePassword: async (_: unknown, args: { currentPassword: string; newPassword: string }, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      if (args.currentPassword.length > 256 || args.newPassword.length > 256) {
        throw tooLong('newPassword', 256);
      }
      return accountMutation(ctx, viewer, 'changePassword', viewer.username, (tx) =>
        changeOwnPassword(tx, viewer, args, ctx.now()),
      );
    },
    logout: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const viewer = requireViewer(ctx);
      const ended = await auditedMutation(ctx, viewer, 'logout', viewer.sessionId.slice(0, 8), (tx) =>
        revokeSession(tx, viewer.sessionId, 'sign_out', ctx.now()),
      );
      ctx.events.publish('sessionsEnded', {
        username: viewer.username,
        sessionIds: [viewer.sessionId],
        reason: 'sign_out',
      });
      return ended;
    },
  },
};
