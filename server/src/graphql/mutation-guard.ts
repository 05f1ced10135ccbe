/**
 * Every mutation of the schema is guarded, by construction: each Mutation field's resolver is
 * wrapped so that no text argument holding a control or bidirectional character reaches it
 * (checkTexts), and so that an attempt that wrote no audit record of its own gets one with its outcome —
 * allowed, refused by role, refused by jurisdiction, invalid, in conflict, unauthenticated or
 * failed. A mutation's own record (written in its transaction by auditedMutation, or by a
 * service such as an import) is not written twice: see auditScope. Attempts that never reach a
 * resolver (a document that fails validation) are audited by auditRefusedDocument.
 */
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Queryable } from '../db/database.js';
import { auditScope, insertAuditEntry } from '../db/queries/audit.js';
import type { GraphQLContext } from './context.js';
import { textProblem } from '../domain/text-safety.js';
import { can } from '../auth/roles.js';
import { AppError, badInput, forbidden } from '../errors.js';
import { auditOutcomeOf } from './errors.js';

const MAX_TARGET = 200;
const MAX_DETAIL = 500;

/**
 * The record an attempt is audited under: the first argument given as a plain value (an id, a
 * code) names its target; lists and input objects do not.
 */
function targetOf(args: readonly GraphQLArgument[], values: Record<string, unknown>): string | null {
  for (const arg of args) {
    const value = values[arg.name];
    if (typeof value === 'string' || typeof value === 'number') return String(value).slice(0, MAX_TARGET);
  }
  return null;
}

/**
 * What the audit record keeps of a failure: for a coded refusal, JSON of its reason, params and
 * English message (so that the audit page says it in the reader's language, and the record
 * still reads as words), else the message; at most MAX_DETAIL characters either way.
 */
export function failureDetail(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  const coded =
    error instanceof AppError
      ? { reason: error.reason, params: error.params }
      : error instanceof GraphQLError && typeof error.extensions.reason === 'string'
        ? { reason: error.extensions.reason, params: error.extensions.params ?? {} }
        : null;
  if (!coded) return message.slice(0, MAX_DETAIL);
  const room = MAX_DETAIL - JSON.stringify({ ...coded, message: '' }).length;
  if (room < 0) return message.slice(0, MAX_DETAIL);
  // Cut the message until the JSON fits: escapes may make it longer than the characters cut.
  for (let cut = message.slice(0, room); ; cut = cut.slice(0, -1)) {
    const detail = JSON.stringify({ ...coded, message: cut });
    if (detail.length <= MAX_DETAIL) return detail;
  }
}

async function writeOutcome(
  db: Queryable,
  entry: { username: string | null; operation: string; target: string | null },
  error: unknown,
): Promise<void> {
  const outcome = error === undefined ? 'ok' : auditOutcomeOf(error);
  const detail = error === undefined ? null : failureDetail(error);
  await insertAuditEntry(db, { ...entry, success: error === undefined, outcome, detail }).catch((failure) =>
    console.error(`audit record of ${entry.operation} could not be written:`, failure),
  );
}

/** Free-text arguments and input fields, where line breaks are allowed. */
const MULTILINE = new Set(['note', 'reason', 'description', 'comment']);
/** Secrets are compared, never stored as text or shown: any character may be in them. */
const SECRET = /password|secret/i;

/**
 * Refuses the first text anywhere in the arguments that holds a control or bidirectional
 * character, naming its path (`input.name`, `updates[2].id`).
 */
export function checkTexts(values: unknown, path = ''): void {
  const stack: [unknown, string, string][] = [[values, path, '']];
  while (stack.length > 0) {
    const [value, at, key] = stack.pop()!;
    if (typeof value === 'string') {
      if (SECRET.test(key)) continue;
      const problem = textProblem(value, { multiline: MULTILINE.has(key) });
      if (problem) throw badInput(at, problem);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push([value[i], `${at}[${i}]`, key]);
    } else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value).reverse()) stack.push([item, at ? `${at}.${name}` : name, name]);
    }
  }
}

/** Wraps every Mutation field of `schema` in place; returns the schema. */
export function guardEveryMutation(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? ((source) => source);
    field.resolve = (source, args: Record<string, unknown>, ctx: GraphQLContext, info) =>
      auditScope.run({ success: false, failure: false }, async () => {
        const scope = auditScope.getStore()!;
        const entry = {
          username: ctx.viewer?.username ?? null,
          operation: field.name,
          target: targetOf(field.args, args),
        };
        try {
          checkTexts(args);
          const result = await resolve(source, args, ctx, info);
          if (!scope.success && !scope.failure) await writeOutcome(ctx.db, entry, undefined);
          return result;
        } catch (error) {
          // A success record written in a transaction that then failed was rolled back with it.
          if (!scope.failure) await writeOutcome(ctx.db, { ...entry, ...scope.label }, error);
          throw error;
        }
      });
  }
  return schema;
}

/**
 * Queries and subscriptions that read no governance data: the account itself, and the
 * administrators' own fields. Every other read needs the read_map permission, which the three
 * administrators do not have.
 */
export const READS_WITHOUT_MAP = new Set([
  'me',
  'passwordRules',
  'accounts',
  'securityPolicy',
  'auditLog',
  'auditChain',
  'auditOperations',
]);

/**
 * The reads a department (answer_case, no read_map) may make besides: the cases dispatched to
 * it (the resolvers narrow them to those) and the departments of its center.
 */
export const READS_OF_DEPARTMENTS = new Set(['case', 'cases', 'departments']);

/**
 * Every Query and Subscription field but READS_WITHOUT_MAP refuses a viewer whose role may not
 * read the map, before its resolver runs (a department's READS_OF_DEPARTMENTS aside): a new
 * field cannot forget it.
 */
export function guardEveryRead(schema: GraphQLSchema): GraphQLSchema {
  const refuse = (ctx: GraphQLContext, field: string) => {
    if (ctx.viewer && can(ctx.viewer.role, 'answer_case') && READS_OF_DEPARTMENTS.has(field)) return;
    if (ctx.viewer && !can(ctx.viewer.role, 'read_map')) {
      throw forbidden(`role ${ctx.viewer.role} may not read the map`, {
        reason: 'role_may_not',
        params: { role: ctx.viewer.role, permission: 'read_map' },
      });
    }
  };
  for (const type of [schema.getQueryType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (READS_WITHOUT_MAP.has(field.name)) continue;
      const { resolve, subscribe } = field;
      if (resolve) {
        field.resolve = (source, args, ctx: GraphQLContext, info) => {
          refuse(ctx, field.name);
          return resolve(source, args, ctx, info);
        };
      }
      if (subscribe) {
        field.subscribe = (source, args, ctx: GraphQLContext, info) => {
          refuse(ctx, field.name);
          return subscribe(source, args, ctx, info);
        };
      }
    }
  }
  return schema;
}

/** The Mutation fields a document asks for, when it has a mutation operation. */
export function mutationFieldsOf(document: DocumentNode | undefined): string[] {
  const names: string[] = [];
  for (const definition of document?.definitions ?? []) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'mutation') continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    }
  }
  return names;
}

/**
 * Audits a mutation refused before any resolver ran (it failed validation or a limit, or was
 * sent over a transport that does not take mutations): one record per field it asked for.
 */
export async function auditRefusedDocument(
  db: Queryable,
  username: string | null,
  document: DocumentNode | undefined,
  reason: string,
): Promise<void> {
  for (const operation of mutationFieldsOf(document)) {
    await insertAuditEntry(db, {
      username,
      operation,
      target: null,
      success: false,
      outcome: 'invalid',
      detail: reason.slice(0, MAX_DETAIL),
    }).catch((failure) => console.error(`audit record of ${operation} could not be written:`, failure));
  }
}
