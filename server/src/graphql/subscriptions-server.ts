/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol) on /graphql, beside HTTP.
 *
 * - Signed in once, in connection_init: { authorization: "Bearer <token>" }, with the same
 *   session check as every HTTP request. The socket is closed (4401) when the token expires or
 *   its session ends (sign-out, an administrator's revocation), and (4403) when the account is
 *   disabled or its role or jurisdiction changes; every event is checked against that before it
 *   is delivered, and a periodic sweep catches sessions ended elsewhere (another process, SQL).
 * - The same limits as HTTP (limits.ts): checked before parsing, then graphql-js's and our
 *   validation rules. Only subscriptions are served here; queries and mutations go over HTTP.
 */
import { useServer } from 'graphql-ws/use/ws';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type ExecutionArgs } from 'graphql';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticateBearer, type AuthSettings, type Viewer } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import { findClosedSessions } from '../db/queries/sessions.js';
import { EventBus, type LiveEvents } from '../events/bus.js';
import type { GraphQLContext } from './context.js';
import { checkRequest, QUERY_LIMITS, validationRules, withoutSuggestions } from './limits.js';
import { auditRefusedDocument } from './mutation-guard.js';
import { schema } from './schema.js';

const CLOSE_GRACE_MS = 1_000;

export interface SubscriptionSettings {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  events: EventBus;
  /** See GraphQLContext.timeZone. */
  timeZone: string;
  production: boolean;
  /** How often open sockets' sessions are checked against the database. */
  sweepMs?: number;
}

export const CLOSE = {
  /** Sign in again: the token expired or its session ended. */
  unauthorized: 4401,
  /** The account may no longer do this: disabled, or its role or jurisdiction changed. */
  forbidden: 4403,
  /** The client keeps sending what it is refused. */
  tooManyRefusals: 4429,
} as const;

/** Subscriptions one socket may hold at once (a wall needs three). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 10;

/**
 * Refused subscribe messages a socket may send in a window before it is closed: a client that
 * keeps sending what it was told is refused is not a wall screen but load.
 */
export const MAX_REFUSALS = { count: 20, windowMs: 10_000 } as const;

const ONLY_SUBSCRIPTIONS =
  'only subscriptions are served over WebSocket; send queries and mutations over HTTP (POST /graphql)';

interface Connection {
  socket: WebSocket;
  viewer: Viewer;
  timer: NodeJS.Timeout;
  closed: boolean;
  subscriptions: number;
  /** When the current window of refusals began, and how many it holds. */
  refusals: { since: number; count: number };
}

/** A parse or validation error with the code and wording Apollo gives it over HTTP. */
function withCode(error: GraphQLError, code: string, production: boolean): GraphQLError {
  const message = production ? withoutSuggestions(error.message) : error.message;
  return new GraphQLError(message, { nodes: error.nodes ?? null, extensions: { ...error.extensions, code } });
}

function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

/** A view of the bus whose subscriptions deliver nothing once `live()` turns false. */
function guardedEvents(events: EventBus, live: () => boolean): EventBus {
  return {
    publish: events.publish.bind(events),
    subscriberCount: events.subscriberCount.bind(events),
    subscribe: <T extends keyof LiveEvents>(topic: T, accept: (e: LiveEvents[T]) => boolean) =>
      events.subscribe(topic, (e) => live() && accept(e)),
  } as EventBus;
}

export function serveSubscriptions(server: Server, settings: SubscriptionSettings): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const rules = [...specifiedRules, ...validationRules(settings.production)];
  const connections = new Map<object, Connection>();

  const close = (connection: Connection, code: number, reason: string) => {
    if (connection.closed) return;
    connection.closed = true;
    clearTimeout(connection.timer);
    connection.socket.close(code, reason);
  };
  /** Still allowed to receive: closes the socket the moment it is not. */
  const live = (connection: Connection): boolean => {
    if (connection.closed) return false;
    if (settings.now().getTime() >= connection.viewer.expiresAt.getTime()) {
      close(connection, CLOSE.unauthorized, 'token expired: sign in again');
      return false;
    }
    return true;
  };

  const offEnded = settings.events.subscribe('sessionsEnded', () => true);
  void (async () => {
    for await (const ended of offEnded) {
      const code =
        ended.reason === 'disabled' || ended.reason === 'account_changed' ? CLOSE.forbidden : CLOSE.unauthorized;
      for (const connection of connections.values()) {
        const mine = ended.sessionIds
          ? ended.sessionIds.includes(connection.viewer.sessionId)
          : ended.username === connection.viewer.username;
        if (mine) close(connection, code, `session ended (${ended.reason})`);
      }
    }
  })();
  const sweep = setInterval(async () => {
    const open = [...connections.values()].filter((c) => !c.closed);
    const ended = await findClosedSessions(
      settings.db,
      open.map((c) => c.viewer.sessionId),
      settings.now(),
    ).catch((): string[] => []);
    for (const connection of open) {
      if (ended.includes(connection.viewer.sessionId)) close(connection, CLOSE.unauthorized, 'session ended');
    }
  }, settings.sweepMs ?? 5_000);
  sweep.unref();

  const cleanup = useServer<{ authorization?: string } | undefined, { socket: WebSocket }>(
    {
      schema,
      isProd: settings.production,
      // A wall without a GPU may be busy for seconds compiling shaders before it sends its
      // connection_init: the library's 3 s would drop it and make it reconnect under load.
      connectionInitWaitTimeout: 15_000,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const result = await authenticateBearer(typeof authorization === 'string' ? authorization : undefined, {
          db: settings.db,
          auth: settings.auth,
          now: settings.now(),
        }).catch(() => null);
        if (!result?.ok || !result.value) return false;
        const viewer = result.value;
        const connection: Connection = {
          socket: ctx.extra.socket,
          viewer,
          closed: false,
          subscriptions: 0,
          refusals: { since: 0, count: 0 },
          timer: undefined!,
        };
        const untilExpiry = Math.max(0, viewer.expiresAt.getTime() - settings.now().getTime());
        connection.timer = setTimeout(() => live(connection), untilExpiry + 1);
        connection.timer.unref();
        connections.set(ctx.extra, connection);
        return true;
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx.extra);
        if (connection) clearTimeout(connection.timer);
        connections.delete(ctx.extra);
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const answer = await admit(ctx.extra, id, payload);
        const connection = connections.get(ctx.extra);
        if (connection && Array.isArray(answer)) countRefusal(connection);
        return answer;
      },
      onComplete: (ctx) => {
        const connection = connections.get(ctx.extra);
        if (connection) connection.subscriptions = Math.max(0, connection.subscriptions - 1);
      },
    },
    wss,
  );

  function countRefusal(connection: Connection): void {
    const now = Date.now();
    if (now - connection.refusals.since > MAX_REFUSALS.windowMs) connection.refusals = { since: now, count: 0 };
    connection.refusals.count += 1;
    if (connection.refusals.count > MAX_REFUSALS.count) {
      close(connection, CLOSE.tooManyRefusals, 'too many refused operations; fix the client');
    }
  }

  async function admit(
    extra: object,
    _id: string,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const connection = connections.get(extra);
    if (!connection || !live(connection)) return [refusal('sign in first')];
    const problem = checkRequest(payload);
    if (problem) return [problem];
    let document;
    try {
      document = parse(payload.query, { maxTokens: QUERY_LIMITS.maxTokens });
    } catch (error) {
      return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED', false)];
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) {
      await auditRefusedDocument(settings.db, connection.viewer.username, document, errors[0]!.message);
      return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED', settings.production));
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (operation?.operation !== 'subscription') {
      await auditRefusedDocument(settings.db, connection.viewer.username, document, ONLY_SUBSCRIPTIONS);
      return [refusal(ONLY_SUBSCRIPTIONS)];
    }
    if (connection.subscriptions >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
      return [refusal('too many subscriptions on one connection; close some first')];
    }
    connection.subscriptions += 1;
    const contextValue: GraphQLContext = {
      db: settings.db,
      auth: settings.auth,
      now: settings.now,
      timeZone: settings.timeZone,
      events: guardedEvents(settings.events, () => live(connection)),
      viewer: connection.viewer,
    };
    return {
      schema,
      document,
      operationName: payload.operationName ?? null,
      variableValues: payload.variables ?? null,
      contextValue,
    };
  }

  return {
    async dispose() {
      clearInterval(sweep);
      await offEnded.return?.();
      for (const connection of connections.values()) clearTimeout(connection.timer);
      // Every socket is sent "going away"; one whose peer never answers (a frozen screen) would
      // hold the shutdown for ws's 30 s close timeout, so it is cut after a short wait.
      const stragglers = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, CLOSE_GRACE_MS);
      try {
        await cleanup.dispose();
      } finally {
        clearTimeout(stragglers);
      }
    },
  };
}
