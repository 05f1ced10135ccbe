/**
 * GraphQL over HTTP beside Apollo's own handling: the limits checked before parsing
 * (limits.ts checkRequest) answer 400 as the GraphQL over HTTP spec asks for a request that
 * cannot be executed; errors are formatted the same way in every mode (internal faults logged
 * and, in production, masked); mutations refused before execution are audited.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError, parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { authenticateBearer, type AuthSettings } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import type { GraphQLContext } from './context.js';
import { checkRequest, QUERY_LIMITS, withoutSuggestions } from './limits.js';
import { auditRefusedDocument } from './mutation-guard.js';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** The document of a refused request, when it can still be read (to audit what it asked for). */
function readableDocument(query: unknown): DocumentNode | undefined {
  if (typeof query !== 'string' || query.includes('\u0000')) return undefined;
  try {
    return parse(query, { maxTokens: QUERY_LIMITS.maxTokens });
  } catch {
    return undefined;
  }
}

/** Refuses what no transport accepts before Apollo parses it. */
export function graphqlPreflight(deps: { db: Database; auth: AuthSettings; now: () => Date }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
    const problem = source && typeof source === 'object' && !Array.isArray(source) ? checkRequest(source) : null;
    if (!problem) return next();
    const document = readableDocument(source!.query);
    if (document) {
      const viewer = await authenticateBearer(req.headers.authorization, { ...deps, now: deps.now() });
      await auditRefusedDocument(
        deps.db,
        viewer.ok ? (viewer.value?.username ?? null) : null,
        document,
        problem.message,
      );
    }
    res
      .status(400)
      .type(req.accepts([GRAPHQL_RESPONSE, 'application/json']) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'json')
      .send(JSON.stringify({ errors: [problem.toJSON()] }));
  };
}

/**
 * Mutations that never reached a resolver (failed validation, or refused by Apollo before
 * execution): the resolvers' guard cannot see them, so they are audited here.
 */
export const auditRefusedMutations: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    let executed = false;
    return {
      async executionDidStart() {
        executed = true;
      },
      async didEncounterErrors({ document, errors, contextValue }) {
        if (executed || !document) return;
        await auditRefusedDocument(
          contextValue.db,
          contextValue.viewer?.username ?? null,
          document,
          errors[0]!.message,
        );
      },
    };
  },
};

/**
 * graphql-js stops coercing variables after 50 invalid values with an error of no code of its
 * own (the 50 come before it): the request's fault, not the server's.
 */
const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables, error limit reached. Execution aborted.';

/**
 * Every error the way clients get it: internal faults (anything without a client error code)
 * are logged with their stack, and in production masked; in production, field suggestions that
 * would spell out the schema are dropped.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
): GraphQLFormattedError {
  if (formatted.message === TOO_MANY_VARIABLE_ERRORS) {
    return {
      message: 'variables: too many invalid values; the first ones are listed before this error',
      extensions: { code: 'BAD_USER_INPUT', field: 'variables' },
    };
  }
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    console.error('GraphQL internal error:', original);
    if (production)
      return { message: 'internal error; see the server log', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return production ? { ...formatted, message: withoutSuggestions(formatted.message) } : formatted;
}
