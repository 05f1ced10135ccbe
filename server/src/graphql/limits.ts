/**
 * Query limits (graphql-armor): depth, cost, aliases, directives and tokens, so one request
 * cannot tie up the server. Rejections say which limit was hit but not its value.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { badInput } from './errors.js';
import type { GraphQLContext } from './context.js';

export const QUERY_LIMITS = {
  maxDepth: 10,
  // graphql-armor multiplies a list's cost by a literal `first`: a full page of 500 with a dozen
  // fields fits; nested pages of pages do not.
  maxCost: 50_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3000,
} as const;

export function queryProtection(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: {
      n: QUERY_LIMITS.maxDepth,
      exposeLimits: false,
      ignoreIntrospection: !production,
      errorMessage: 'query refused: nested too deep',
    },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      exposeLimits: false,
      ignoreIntrospection: !production,
      errorMessage: 'query refused: too costly; ask for fewer fields or smaller pages',
    },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: false, errorMessage: 'query refused: too many aliases' },
    maxDirectives: {
      n: QUERY_LIMITS.maxDirectives,
      exposeLimits: false,
      errorMessage: 'query refused: too many directives',
    },
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: false, errorMessage: 'query refused: too long' },
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor's plugins do not use the context, so they serve any context type.
  return { plugins: [refuseNulCharacters, ...(plugins as ApolloServerPlugin<GraphQLContext>[])], validationRules };
}

/** PostgreSQL text cannot hold NUL characters; refuse them up front rather than fail deep inside. */
export const refuseNulCharacters: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart({ request }) {
    if (request.query?.includes('\u0000') || JSON.stringify(request.variables ?? {}).includes('\\u0000')) {
      throw badInput('(request)', 'contains a NUL character (\\u0000), which no field accepts');
    }
  },
};
