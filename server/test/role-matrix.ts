/**
 * The mechanics of the role matrix (server/src/graphql/role-matrix.spec.ts): what the schema and
 * the HTTP application offer, one request per operation with sample arguments, and what a
 * subscription answers.
 */
import { getNamedType, isCompositeType, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import type { Application } from 'express';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { EventBus, LiveEvents, Topic } from '../src/events/bus.js';
import type { GraphQLResponse, TestApi } from './api.js';

export type RootKind = 'Query' | 'Mutation' | 'Subscription';

/** Every root field of the schema, keyed `Query.cases`, `Mutation.login`, `Subscription.caseChanged`. */
export function rootFields(
  schema: GraphQLSchema,
): Map<string, { kind: RootKind; field: GraphQLField<unknown, unknown> }> {
  const fields = new Map<string, { kind: RootKind; field: GraphQLField<unknown, unknown> }>();
  const roots: [RootKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  for (const [kind, type] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) fields.set(`${kind}.${field.name}`, { kind, field });
  }
  return fields;
}

/**
 * A document calling one root field with `args` as variables, typed as the schema types them,
 * selecting only `__typename` below it: the guards sit at the root, so nothing deeper need run.
 * A required argument missing from `args` is an error that names it.
 */
export function operationOf(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): { query: string; variables: Record<string, unknown> } {
  for (const name of Object.keys(args)) {
    if (!field.args.some((a) => a.name === name)) throw new Error(`${kind}.${field.name} has no argument ${name}`);
  }
  const given = field.args.filter((a) => a.name in args);
  for (const arg of field.args) {
    if (String(arg.type).endsWith('!') && !(arg.name in args)) {
      throw new Error(`${kind}.${field.name}: give a sample for its required argument ${arg.name}`);
    }
  }
  const definitions = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const operation = kind.toLowerCase();
  const query = `${operation}${definitions ? ` (${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
  return { query, variables: args };
}

/** A GraphQL request over HTTP, with the status it was answered with. */
export async function postGraphQL(
  api: TestApi,
  request: { query: string; variables: Record<string, unknown> },
  token: string | null,
): Promise<{ status: number; body: GraphQLResponse<Record<string, unknown>> }> {
  const res = await fetch(`${api.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(request),
  });
  return { status: res.status, body: (await res.json()) as GraphQLResponse<Record<string, unknown>> };
}

interface Layer {
  rawPath?: string | RegExp | (string | RegExp)[];
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

function joinPath(prefix: string, path: string | RegExp): string {
  if (path instanceof RegExp) return `${prefix}${String(path)}`;
  const joined = `${prefix}${path === '/' ? '' : path}`;
  return joined === '' ? '/' : joined;
}

function walk(stack: Layer[], prefix: string, into: Set<string>): void {
  for (const layer of stack) {
    const paths = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? '/'];
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        into.add(`${method.toUpperCase()} ${joinPath(prefix, layer.route.path)}`);
      }
    } else if (layer.handle.stack) {
      for (const path of paths) walk(layer.handle.stack, path === '/' ? prefix : joinPath(prefix, path), into);
    } else {
      // Middleware without a path of its own (compression, static files of the web build, a
      // router's 404 and error handlers) answers no route of its own; one mounted at a path
      // (/graphql) is an endpoint.
      for (const path of paths) if (path !== '/') into.add(`USE ${joinPath(prefix, path)}`);
    }
  }
}

/**
 * Every route of the HTTP application (`GET /feeds/cameras`, `USE /graphql`), read from the
 * Express router stack of an application built on `db` as the server builds it.
 */
export async function httpRoutes(db: Database): Promise<string[]> {
  const app = await createApp(db, { auth: { secret: new Uint8Array(32).fill(7), tokenTtlSeconds: 60 } });
  try {
    const express = app.server.listeners('request')[0] as Application;
    const routes = new Set<string>();
    walk((express.router as unknown as { stack: Layer[] }).stack, '', routes);
    return [...routes].sort();
  } finally {
    await app.stop();
  }
}

/** An event that every business account's subscription of the field receives. */
export type SampleEvent = { [T in Topic]: { topic: T; event: LiveEvents[T] } }[Topic];

/**
 * What a subscription answers: `refused` with the error it was refused with (as a result or
 * as an error message), or `delivered` once an event published to `events` reached it. The
 * event is published again until it arrives, since the server registers a subscription a
 * moment after the client sent it.
 */
export async function probeSubscription(
  client: Client,
  request: { query: string; variables: Record<string, unknown> },
  events: EventBus,
  sample: SampleEvent,
  ms = 5_000,
): Promise<{ outcome: 'refused'; errors: unknown[] } | { outcome: 'delivered' } | { outcome: 'silent' }> {
  let answer: { outcome: 'refused'; errors: unknown[] } | { outcome: 'delivered' } | null = null;
  const stop = client.subscribe(request, {
    next: (result) => {
      answer ??= result.errors ? { outcome: 'refused', errors: [...result.errors] } : { outcome: 'delivered' };
    },
    error: (error) => {
      answer ??= { outcome: 'refused', errors: Array.isArray(error) ? error : [error] };
    },
    complete: () => undefined,
  });
  const end = Date.now() + ms;
  try {
    while (!answer && Date.now() < end) {
      (events.publish as (topic: Topic, event: unknown) => void)(sample.topic, sample.event);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    stop();
  }
  return answer ?? { outcome: 'silent' };
}
