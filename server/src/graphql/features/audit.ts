/**
 * The audit review (审计管理员): reading, filtering and verifying the audit record, for the
 * audit administrator only (read_audit). Thin: filters are checked in audit/filter.ts, the chain
 * in audit/verify.ts.
 */
import { checkAuditFilter, type AuditFilterInput } from '../../audit/filter.js';
import { verifyAuditChain } from '../../audit/verify.js';
import { countAuditEntries, findAuditOperations, findAuditPage, type AuditReviewRow } from '../../db/queries/audit.js';
import { requirePermission, type GraphQLContext } from '../context.js';
import { badInput } from '../../errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../pagination.js';

export const auditTypeDefs = /* GraphQL */ `
  "What became of an audited attempt."
  enum AuditOutcome {
    ok
    "Refused: the role may not do it."
    denied_role
    "Refused: the record lies outside the account's jurisdiction."
    denied_jurisdiction
    not_found
    invalid
    conflict
    unauthenticated
    "Failed inside the server."
    error
  }

  input AuditFilter {
    "Inclusive."
    from: DateTime
    "Exclusive."
    to: DateTime
    "Exact."
    username: String
    "An exact operation name, e.g. advanceCase, login (see auditOperations)."
    operation: String
    "A substring of the target, ignoring case."
    target: String
    outcome: AuditOutcome
  }

  "One audited attempt."
  type AuditEntry {
    id: ID!
    at: DateTime!
    username: String
    operation: String!
    target: String
    "Null only for rows older than the outcome column."
    outcome: AuditOutcome
    success: Boolean!
    detail: String
  }

  type AuditPage {
    "Rows matching the filter, on every page."
    totalCount: Int!
    entries: [AuditEntry!]!
    "Pass as after for the next (older) page; null on the last."
    nextCursor: String
  }

  "The hash chain over the audit record, verified row by row."
  type AuditChainReport {
    intact: Boolean!
    "Rows read (up to the broken one)."
    checked: Int!
    "The first row that does not match the chain."
    firstBrokenId: ID
    "What is wrong with it."
    problem: String
  }

  extend type Query {
    "The audit record, newest first (audit administrator)."
    auditLog(filter: AuditFilter, first: Int = 50, after: String): AuditPage!
    "Verifies the audit record's hash chain (audit administrator)."
    auditChain: AuditChainReport!
    "Every operation name in the audit record, for the filter (audit administrator)."
    auditOperations: [String!]!
  }
`;

function toEntry(row: AuditReviewRow) {
  return {
    id: row.id,
    at: row.at,
    username: row.username,
    operation: row.operation,
    target: row.target,
    outcome: row.outcome,
    success: row.success,
    detail: row.detail,
  };
}

export const auditResolvers = {
  Query: {
    auditLog: async (
      _: unknown,
      args: { filter?: AuditFilterInput | null; first?: number | null; after?: string | null },
      ctx: GraphQLContext,
    ) => {
      requirePermission(ctx, 'read_audit');
      const checked = checkAuditFilter(args.filter);
      if (!checked.ok) throw badInput(`filter.${checked.error.field}`, checked.error.message);
      const limit = pageSize(args.first);
      const cursor = decodeCursor(args.after, 's');
      const beforeId = cursor ? String(cursor[0]) : null;
      if (beforeId !== null && !/^\d{1,19}$/.test(beforeId)) {
        throw badInput('after', 'is not a cursor from this list; pass a nextCursor you were given');
      }
      // The count and the page from one snapshot, so that they agree.
      const [totalCount, rows] = await ctx.db.readSnapshot(
        1,
        async ([reader]) =>
          [
            await countAuditEntries(reader!, checked.value),
            await findAuditPage(reader!, checked.value, { limit: limit + 1, beforeId }),
          ] as const,
      );
      const page = rows.slice(0, limit);
      return {
        totalCount,
        entries: page.map(toEntry),
        nextCursor: rows.length > limit ? encodeCursor([page.at(-1)!.id]) : null,
      };
    },
    auditChain: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requirePermission(ctx, 'read_audit');
      return verifyAuditChain(ctx.db);
    },
    auditOperations: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
      requirePermission(ctx, 'read_audit');
      return findAuditOperations(ctx.db);
    },
  },
};
