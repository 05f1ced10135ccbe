/** Logging in and who am I. */
import { login } from '../../auth/login.js';
import { revokeSession } from '../../db/queries/sessions.js';
import { auditedMutation } from '../audited.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { badInput, unauthenticated } from '../errors.js';

export const authTypeDefs = /* GraphQL */ `
  "What an account may do."
  enum Role {
    leader
    operator
    gridworker
    planner
    admin
    kiosk
  }

  "The logged-in account."
  type User {
    username: ID!
    displayName: String!
    role: Role!
    "The admin unit (12-digit code) whose territory this account sees and acts in."
    jurisdiction: ID!
  }

  type AuthPayload {
    "Send as 'Authorization: Bearer <token>'."
    token: String!
    expiresAt: DateTime!
    user: User!
  }

  extend type Query {
    "The account the request is made with; null without a token."
    me: User
  }

  extend type Mutation {
    "Logs in. Five wrong passwords lock the account for 15 minutes. Every attempt is audited."
    login(username: String!, password: String!): AuthPayload!
    """
    Signs out: the token's session ends at once, for HTTP and for its open WebSocket
    subscriptions. True when it was open.
    """
    logout: Boolean!
  }
`;

export const authResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: GraphQLContext) =>
      ctx.viewer && {
        username: ctx.viewer.username,
        displayName: ctx.viewer.username,
        role: ctx.viewer.role,
        jurisdiction: ctx.viewer.jurisdiction,
      },
  },
  Mutation: {
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
    login: async (_: unknown, args: { username: string; password: string }, ctx: GraphQLContext) => {
      if (args.username.length === 0 || args.username.length > 64)
        throw badInput('username', 'must be 1–64 characters');
      if (args.password.length > 256) throw badInput('password', 'is too long');
      const result = await login(ctx.db, args, {
        secret: ctx.auth.secret,
        ttlSeconds: ctx.auth.tokenTtlSeconds,
        now: ctx.now(),
      });
      if (result.ok) return result.value;
      switch (result.error.kind) {
        case 'locked':
          throw unauthenticated(
            `account locked after repeated failed logins until ${result.error.until.toISOString()}`,
            { reason: 'locked', lockedUntil: result.error.until.toISOString() },
          );
        case 'disabled':
          throw unauthenticated('account disabled', { reason: 'disabled' });
        default:
          throw unauthenticated('wrong username or password', { reason: 'credentials' });
      }
    },
  },
};
