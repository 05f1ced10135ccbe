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

/** Starts listening; returns a function that stops and closes the socket. */
export function listenToCaseEvents(options: LiveOptions): () => void {
  let connections = 0;
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
  const offConnected = client.on('connected', () => options.onConnected(connections++ > 0));
  const offClosed = client.on('closed', () => options.onLost());
  const unsubscribe = client.subscribe<{ caseChanged: LiveCaseEvent }>(
    { query: CASE_CHANGED, variables: { unitCode: options.unitCode } },
    {
      next: (result) => result.data && options.onEvent(result.data.caseChanged),
      error: () => options.onLost(),
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
