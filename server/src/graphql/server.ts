/**
 * The GraphQL endpoint as one piece the application mounts: Apollo for HTTP (with the limits
 * checked before parsing and refused mutations audited) and the WebSocket subscriptions beside
 * it on the same HTTP server. The rest of the server knows GraphQL only through this module.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import type { Server } from 'node:http';
import type { AuthSettings } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/bus.js';
import type { VideoViews } from '../video/views.js';
import { viewerFromAuthorization, type GraphQLContext } from './context.js';
import { auditRefusedMutations, formatGraphQLError, graphqlPreflight } from './http-transport.js';
import { QUERY_LIMITS, validationRules } from './limits.js';
import { schema } from './schema.js';
import { serveSubscriptions } from './subscriptions-server.js';

export interface GraphQLEndpointOptions {
  db: Database;
  auth: AuthSettings;
  now: () => Date;
  timeZone: string;
  events: EventBus;
  /** Camera video views, when a gateway is configured. */
  video?: VideoViews | null;
  /** Production hides introspection and stack traces. */
  production: boolean;
  /** How long requests under way get to finish when the server stops. */
  drainGraceMillis: number;
}

export interface GraphQLEndpoint {
  /** The handlers to mount at /graphql. */
  handlers: RequestHandler[];
  stop(): Promise<void>;
}

/** Starts GraphQL on `server`: subscriptions right away, HTTP through the returned handlers. */
export async function startGraphQL(server: Server, o: GraphQLEndpointOptions): Promise<GraphQLEndpoint> {
  const { db, auth, now, timeZone, events, production } = o;
  const live = serveSubscriptions(server, { db, auth, now, timeZone, events, production });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    // The limits (limits.ts) include refusing introspection in production, for every transport.
    validationRules: validationRules(production),
    introspection: true,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, production),
    // The process decides when to stop (server/src/shutdown.ts). Apollo's own handler would
    // start a second stop() beside ours, and a stop() that joins one under way never returns.
    stopOnTerminationSignals: false,
    plugins: [
      auditRefusedMutations,
      // Requests under way get this long to finish; then every connection, keep-alive and
      // WebSocket alike, is destroyed, leaving the rest of the shutdown its time.
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: o.drainGraceMillis }),
      { serverWillStart: async () => ({ drainServer: () => live.dispose() }) },
    ],
  });
  await apollo.start();
  return {
    handlers: [
      express.json({ limit: '2mb' }),
      graphqlPreflight({ db, auth, now }),
      expressMiddleware(apollo, {
        context: async ({ req }) => ({
          db,
          auth,
          now,
          timeZone,
          events,
          video: o.video ?? null,
          viewer: await viewerFromAuthorization(req.headers.authorization, { db, auth, now: now() }),
        }),
      }),
    ],
    stop: () => apollo.stop(),
  };
}
