/**
 * The hostile-input property for subscriptions, sent over the WebSocket as a client would: for
 * each generated call a fresh socket (so the server's refusal limit, which closes a socket
 * after many refusals, does not end the run), signed in as an account that may subscribe, one
 * that may not, or nobody. What must hold: every refusal is clean (a GraphQL error with a code a
 * client acts on, or a close code of the 4400 range with a reason), a subscription is only ever
 * accepted for an account that may subscribe, nothing is written, and the server still answers.
 */
import fc from 'fast-check';
import type { GraphQLField } from 'graphql';
import type { Client } from 'graphql-ws';
import { expect } from 'vitest';
import type { EventBus } from '../src/events/bus.js';
import { documentOf } from './graphql-documents.js';
import { accountsFor, variablesOf, type HostileOperation } from './hostile-arbitraries.js';
import { changedTables, expectClean, fingerprinter, post, PROBE } from './hostile-run.js';
import type { HostileApi } from './hostile-setup.js';
import { connect } from './live.js';
import type { SampleEvent } from './role-matrix.js';

/** How long an accepted subscription is given to deliver the sample event. */
const DELIVERY_MS = 1_000;

type Outcome = { outcome: 'refused'; errors: unknown[] } | { outcome: 'delivered' } | { outcome: 'silent' };

/**
 * Subscribes and publishes the sample event until it arrives: `refused` (GraphQL errors as an
 * error message or as a result without data, or the socket closed), `delivered`, or `silent`
 * (accepted, the event outside the unit asked for).
 */
async function probe(
  client: Client,
  request: { query: string; variables: Record<string, unknown> },
  events: EventBus,
  sample: SampleEvent,
): Promise<Outcome> {
  let answer: Outcome | null = null;
  const stop = client.subscribe(request, {
    next: (result) => {
      answer ??= result.data ? { outcome: 'delivered' } : { outcome: 'refused', errors: [...(result.errors ?? [])] };
    },
    error: (error) => {
      answer ??= { outcome: 'refused', errors: Array.isArray(error) ? error : [error] };
    },
    complete: () => undefined,
  });
  const end = Date.now() + DELIVERY_MS;
  try {
    while (!answer && Date.now() < end) {
      (events.publish as (topic: string, event: unknown) => void)(sample.topic, sample.event);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    stop();
  }
  return answer ?? { outcome: 'silent' };
}

/** A refusal as the client sees it: a GraphQL error, or the socket closed (a CloseEvent). */
function expectCleanRefusal(label: string, error: unknown): void {
  const closed = error as { code?: unknown; reason?: unknown; message?: unknown };
  if (typeof closed.code === 'number' && closed.message === undefined) {
    const said = `${label}: socket closed with ${closed.code} ${String(closed.reason)}`;
    expect(closed.code, said).toBeGreaterThanOrEqual(4400);
    expect(closed.code, said).toBeLessThan(4500);
    expect(String(closed.reason ?? '').length, said).toBeGreaterThan(0);
    return;
  }
  expectClean(label, error as Parameters<typeof expectClean>[1]);
}

/** Asserts the hostile-input property of one subscription over `numRuns` generated calls. */
export async function assertHostileSubscriptionHandled(
  hostile: HostileApi,
  field: GraphQLField<unknown, unknown>,
  operation: HostileOperation,
  sample: SampleEvent,
  numRuns: number,
): Promise<void> {
  const { api, events, known, tokens } = hostile;
  // The arguments are what is hostile here; a bare selection lets the sample event resolve.
  const document = documentOf('subscription', field, '{ __typename }');
  const { allowed, refused } = accountsFor(operation.permission);
  const mayCall = (as: string | null) => as !== null && allowed.includes(as);
  const account = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...allowed) },
    fc.constantFrom<string | null>(...refused, null),
  );
  const fingerprint = await fingerprinter(api.db);
  const before = await fingerprint();
  let reachedResolver = 0;
  await fc.assert(
    fc.asyncProperty(variablesOf(field, operation, known), account, async (variables, as) => {
      const label = `${field.name} over the socket as ${as ?? 'nobody'} with ${JSON.stringify(variables).slice(0, 200)}`;
      const client = connect(api, as === null ? undefined : tokens[as]);
      try {
        const answer = await probe(client, { query: document, variables }, events, sample);
        if (answer.outcome === 'refused') {
          for (const error of answer.errors) expectCleanRefusal(label, error);
          if (answer.errors.some((e) => Array.isArray((e as { path?: unknown }).path))) reachedResolver++;
        } else {
          // Delivered, or accepted with the sample event outside the unit asked for.
          expect(mayCall(as), `${label} was accepted (${answer.outcome})`).toBe(true);
          reachedResolver++;
        }
      } finally {
        await client.dispose();
      }
      expect(changedTables(before, await fingerprint()), `${label} wrote`).toEqual([]);
      const me = await post(api, '{ me { username } }', {}, tokens[PROBE]);
      expect(me.body?.data?.me, `the server stopped answering after ${label}`).toEqual({ username: PROBE });
    }),
    // Nobody signed in, whatever the seed draws.
    { numRuns, seed: 42, examples: [[{}, null]] },
  );
  // Calls that all fail GraphQL's own checks would prove nothing about the resolver.
  expect(reachedResolver, `no call of ${field.name} reached its resolver`).toBeGreaterThan(0);
}
