/**
 * Live events over graphql-ws: case moves, grid changes, camera status, early warnings and the
 * index's publications, on one socket. Reconnects forever with backoff; each (re)connection logs in with a current token.
 * Events missed while disconnected are not replayed, so `onConnected` tells the screen to
 * refetch what it shows.
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

export interface LiveGridsEvent {
  villageCode: string;
  changeId: string;
  kind: string;
  author: string;
  at: string;
}

export interface LiveCameraEvent {
  id: string;
  status: string;
}

export interface LiveWarningEvent {
  id: string;
  gridCode: string;
  day: string;
}

export interface LiveIndexEvent {
  period: string;
  periodStart: string;
  revision: number;
}

/** What each subscription delivers, by its field name. */
export interface LiveEventTypes {
  caseChanged: LiveCaseEvent;
  gridsChanged: LiveGridsEvent;
  cameraStatusChanged: LiveCameraEvent;
  warningRaised: LiveWarningEvent;
  indexPublished: LiveIndexEvent;
}

export type LiveTopic = keyof LiveEventTypes;

const SELECTIONS: Record<LiveTopic, string> = {
  caseChanged: 'caseCode at fromStatus toStatus case { category severity villageCode overdue }',
  gridsChanged: 'villageCode changeId kind author at',
  cameraStatusChanged: 'id status',
  warningRaised: 'id gridCode day',
  indexPublished: 'period periodStart revision',
};

/** The subscription document of one topic, narrowed to `$unitCode` when one is given. */
export const subscriptionOf = (topic: LiveTopic): string =>
  `subscription Live($unitCode: ID) { ${topic}(unitCode: $unitCode) { ${SELECTIONS[topic]} } }`;

export type LiveHandlers = { [T in LiveTopic]?: (event: LiveEventTypes[T]) => void };

export interface LiveOptions {
  getToken: () => Promise<string>;
  unitCode: string | null;
  /** One subscription per topic given a handler. */
  handlers: LiveHandlers;
  /** `reconnected` is true from the second connection on: refetch what is shown. */
  onConnected: (reconnected: boolean) => void;
  onLost: () => void;
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/**
 * Close codes with which the server ends a socket whose session ended (token expired, signed
 * out, account changed): graphql-ws gives up on them, the screen signs in again and reconnects.
 */
const SESSION_ENDED = new Set([4401, 4403]);

const closeCode = (error: unknown): number | null =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'number'
    ? (error as { code: number }).code
    : null;

/** Starts listening; returns a function that stops and closes the socket. */
export function listenLive(options: LiveOptions): () => void {
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
    // connecting) go to the subscriptions' error sinks, never to an unhandled rejection.
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelayMs(retries))),
    connectionParams: async () => ({ authorization: `Bearer ${await options.getToken()}` }),
  });
  const offConnected = client.on('connected', hooks.onConnected);
  const offClosed = client.on('closed', () => options.onLost());
  // Every subscription of the socket errs when its session ends: the restart happens once.
  let ended = false;
  const topics = (Object.keys(options.handlers) as LiveTopic[]).filter((t) => options.handlers[t]);
  const unsubscribes = topics.map((topic) =>
    client.subscribe<Record<string, unknown>>(
      { query: subscriptionOf(topic), variables: { unitCode: options.unitCode } },
      {
        next: (result) => {
          const event = result.data?.[topic];
          if (event) (options.handlers[topic] as (e: unknown) => void)(event);
        },
        error: (error) => {
          options.onLost();
          if (!ended && SESSION_ENDED.has(closeCode(error) ?? 0)) {
            ended = true;
            hooks.onSessionEnded();
          }
        },
        complete: () => undefined,
      },
    ),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    offConnected();
    offClosed();
    void client.dispose();
  };
}
