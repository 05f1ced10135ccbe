/**
 * One set of limits for every transport (POST, GET, WebSocket): what a request may carry before
 * it is parsed (no NUL, variables nested at most so deep, at most so many tokens), and the
 * validation rules a parsed document must pass (graphql-armor's depth, cost, aliases and
 * directives; no introspection in production). Refusals say which limit was hit, not its value,
 * and are client errors (HTTP 400), never internal ones.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, NoSchemaIntrospectionCustomRule, Source, TokenKind, type ValidationRule } from 'graphql';

export const QUERY_LIMITS = {
  maxDepth: 10,
  // graphql-armor multiplies a list's cost by a literal `first`: a full page of 500 with a dozen
  // fields fits; nested pages of pages do not.
  maxCost: 50_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3000,
  /** Arrays and objects inside one another in the variables; a MultiPolygon needs five. */
  maxVariableDepth: 32,
} as const;

export const REFUSALS = {
  depth: 'query refused: nested too deep',
  cost: 'query refused: too costly; ask for fewer fields or smaller pages',
  aliases: 'query refused: too many aliases',
  directives: 'query refused: too many directives',
  tokens: 'query refused: too long',
  nul: 'request refused: it contains a NUL character (\\u0000), which no field accepts',
  variableDepth: 'request refused: the variables are nested too deep',
  notText: 'request refused: "query" must be a string',
} as const;

/** Refused before parsing: a client error with code BAD_REQUEST. */
function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

function tooManyTokens(query: string): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let n = 0; lexer.advance().kind !== TokenKind.EOF; n += 1) {
      if (n >= QUERY_LIMITS.maxTokens) return true;
    }
  } catch {
    // A syntax error: the parser reports it, with its position.
  }
  return false;
}

const containsNul = (text: string) => text.includes('\u0000');

/** What is wrong with parsed variables (nesting, a NUL in a key or string), walked without recursion. */
function variablesProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string' && containsNul(node)) return REFUSALS.nul;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= QUERY_LIMITS.maxVariableDepth) return REFUSALS.variableDepth;
    for (const [key, child] of Object.entries(node)) {
      if (containsNul(key)) return REFUSALS.nul;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** GET's variables are JSON text; text that is not JSON is left for Apollo to refuse. */
function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with a request before it is parsed, or null. `variables` as sent: an object
 * (JSON body, WebSocket) or its JSON text (GET).
 */
export function checkRequest(request: { query?: unknown; variables?: unknown }): GraphQLError | null {
  const { query, variables } = request;
  if (query !== undefined && typeof query !== 'string') return refused(REFUSALS.notText);
  if (typeof query === 'string' && containsNul(query)) return refused(REFUSALS.nul);
  const parsed = typeof variables === 'string' ? jsonOrUndefined(variables) : variables;
  const problem = parsed && typeof parsed === 'object' ? variablesProblem(parsed) : null;
  if (problem) return refused(problem);
  if (typeof query === 'string' && tooManyTokens(query)) return refused(REFUSALS.tokens);
  return null;
}

/** The validation rules every transport applies beside graphql-js's own. */
export function validationRules(production: boolean): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: {
      n: QUERY_LIMITS.maxDepth,
      exposeLimits: false,
      ignoreIntrospection: !production,
      errorMessage: REFUSALS.depth,
    },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      exposeLimits: false,
      ignoreIntrospection: !production,
      errorMessage: REFUSALS.cost,
    },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: false, errorMessage: REFUSALS.aliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: false, errorMessage: REFUSALS.directives },
    // Counted by checkRequest before parsing, the same for every transport.
    maxTokens: { enabled: false },
    // Suggestions are taken out of messages by withoutSuggestions, the same for every transport.
    blockFieldSuggestion: { enabled: false },
  });
  const rules = (armor.protect().validationRules as ValidationRule[]).map(withoutSyntaxErrorPrefix);
  return production ? [...rules, NoSchemaIntrospectionCustomRule] : rules;
}

/** graphql-armor reports its refusals as syntax errors; they are not, and say so plainly. */
function withoutSyntaxErrorPrefix(rule: ValidationRule): ValidationRule {
  return (context) =>
    rule(
      new Proxy(context, {
        get(target, property) {
          if (property === 'reportError') {
            return (error: GraphQLError) =>
              target.reportError(
                new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
                  nodes: error.nodes ?? null,
                  extensions: error.extensions,
                }),
              );
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    );
}

/** In production, "Did you mean …?" would let a client spell out the hidden schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ Did you mean .+\?$/s, '');
}
