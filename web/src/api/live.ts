/**
 * Live case events over graphql-ws (subscription caseChanged). Reconnects forever with backoff;
 * each (re)connection logs in with a current token. Events missed while disconnected are not
 * replayed, so `onConnected` tells the wall to refetch its snapshot.
 */
import { createClient } from 'graphql-ws';
import { backoffDelayMs } from './backoff.js';

export interface LiveCaseEvent {
  caseCode: string;
  at: string;
  fromStatus: string | null;
  toStatus: string;
  case: { category: string; severity: string; villageCode: string; overdue: boolean } | null;
}

const CASE_CHANGED = /* GraphQL */ `
  subscription WallCaseChanged($unitCode: ID) {
    caseChanged(unitCode: $unitCode) {
      caseCode
      at
      fromStatus
      toStatus
      case {
        category
        severity
        villageCode
        overdue
      }
    }
  }
`;

export interface LiveOptions {
  getToken: () => Promise<string>;
  unitCode: string | null;
  onEvent: (event: LiveCaseEvent) => void;
  /** `reconnected` is true from the second connection on: refetch what is shown. */
  onConnected: (reconnected: boolean) => void;
  onLost: () => void;
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/**
 * Close codes with which the server ends a socket whose session ended (token expired, signed
 * out, account changed): graphql-ws gives up on them, the wall signs in again and reconnects.
 */
const SESSION_ENDED = new Set([4401, 4403]);

const closeCode = (error: unknown): number | null =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number'
    ? (error as { code: number }).code
    : null;

/** Starts listening; returns a function that stops and closes the socket. */
export function listenToCaseEvents(options: LiveOptions): () => void {
  let connections = 0;
  let stopped = false;
  let restarts = 0;
  let stopCurrent: () => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = () => {
    stopCurrent = connectOnce(options, {
      onConnected: () => {
        restarts = 0;
        options.onConnected(connections++ > 0);
      },
      onSessionEnded: () => {
        stopCurrent();
        if (stopped) return;
        timer = setTimeout(start, backoffDelayMs(restarts++));
      },
    });
  };
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopCurrent();
  };
}

/** One graphql-ws client, retrying on its own until the server ends its session. */
function connectOnce(options: LiveOptions, hooks: { onConnected: () => void; onSessionEnded: () => void }): () => void {
  const client = createClient({
    url: liveUrl(window.location),
    // Lazy: connection errors (a CloseEvent while the server restarts, or a dispose while
    // connecting) go to the subscription's error sink, never to an unhandled rejection.
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelayMs(retries))),
    connectionParams: async () => ({ authorization: `Bearer ${await options.getToken()}` }),
  });
  const offConnected = client.on('connected', hooks.onConnected);
  const offClosed = client.on('closed', () => options.onLost());
  const unsubscribe = client.subscribe<{ caseChanged: LiveCaseEvent }>(
    { query: CASE_CHANGED, variables: { unitCode: options.unitCode } },
    {
      next: (result) => result.data && options.onEvent(result.data.caseChanged),
      error: (error) => {
        options.onLost();
        if (SESSION_ENDED.has(closeCode(error) ?? 0)) hooks.onSessionEnded();
      },
      complete: () => undefined,
    },
  );
  return () => {
    unsubscribe();
    offConnected();
    offClosed();
    void client.dispose();
  };
}
