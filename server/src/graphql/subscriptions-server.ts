/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol) on /graphql, beside HTTP.
 * The connection is authenticated once, in connection_init: { authorization: "Bearer <token>" }.
 */
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import { viewerFromAuthorization, type AuthSettings, type GraphQLContext, type Viewer } from './context.js';
import { schema } from './schema.js';

const CLOSE_GRACE_MS = 1_000;

export interface SubscriptionSettings {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  events: EventBus;
  production: boolean;
}

export function serveSubscriptions(server: Server, settings: SubscriptionSettings): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: 64 * 1024 });
  const viewers = new WeakMap<object, Viewer>();
  const cleanup = useServer<{ authorization?: string } | undefined>(
    {
      schema,
      isProd: settings.production,
      // A wall without a GPU may be busy for seconds compiling shaders before it sends its
      // connection_init: the library's 3 s would drop it and make it reconnect under load.
      connectionInitWaitTimeout: 15_000,
      onConnect: async (ctx) => {
        try {
          const viewer = await viewerFromAuthorization(
            ctx.connectionParams?.authorization,
            settings.auth,
            settings.now(),
          );
          if (!viewer) return false;
          viewers.set(ctx.extra, viewer);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): GraphQLContext => ({
        db: settings.db,
        auth: settings.auth,
        now: settings.now,
        events: settings.events,
        viewer: viewers.get(ctx.extra) ?? null,
      }),
    },
    wss,
  );
  return {
    async dispose() {
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
