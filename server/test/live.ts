/** Subscriptions in API tests: a graphql-ws client on the test server, and what it receives. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApi } from './api.js';

/** A client that connects on the first subscription and never retries; no token: anonymous. */
export function connect(api: TestApi, token?: string): Client {
  return createClient({
    url: `${api.base.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * Collects what a subscription delivers until `stop()`; `started` resolves shortly after the
 * socket is connected (the server has registered the subscription by then).
 */
export function collect(client: Client, query: string, variables: Record<string, unknown>) {
  const received: any[] = [];
  const errors: unknown[] = [];
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const stop = client.subscribe(
    { query, variables },
    { next: (v) => received.push(v), error: (e) => errors.push(e), complete: () => undefined },
  );
  client.on('connected', () => setTimeout(ready, 100));
  return { received, errors, stop, started };
}

/** Waits until `check()` holds or `ms` have passed. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}
