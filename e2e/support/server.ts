/**
 * The API with the built web app, in this process, on the tiny demo data with the test clock:
 * what the browser tests drive. It can stop and start again on the same port and database, as
 * a server restart does.
 */
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../../server/src/app.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../../server/src/auth/demo-accounts.js';
import type { Database } from '../../server/src/db/database.js';
import { TEST_NOW } from '../../server/test/api.js';
import { openTestDatabase } from '../../server/test/databases.js';

export interface WallServer {
  base: string;
  db: Database;
  /** GraphQL as a demo account (the wall's, demo-wall, unless named). */
  gql<T = any>(query: string, variables?: Record<string, unknown>, username?: string): Promise<T>;
  /** Stops listening (open connections are closed), as a server going down does. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

const AUTH = { secret: new Uint8Array(32).fill(9), tokenTtlSeconds: 1800 };

/** `video`: camera video through this gateway (none when not given). */
export async function startWallServer(
  now: () => Date = () => TEST_NOW,
  video: AppOptions['video'] = null,
): Promise<WallServer> {
  const db = await openTestDatabase('embedded', 'tiny');
  await ensureDemoAccounts(db);
  let app: App | null = await createApp(db, { auth: AUTH, now, video });
  await new Promise<void>((resolve) => app!.server.listen(0, '127.0.0.1', resolve));
  const port = (app.server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const tokens = new Map<string, string>();
  const post = async (query: string, variables: Record<string, unknown>, auth: string | null) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const server: WallServer = {
    base,
    db,
    async gql(query, variables = {}, username = 'demo-wall') {
      let token = tokens.get(username);
      if (!token) {
        const login = 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';
        token = (await post(login, { u: username, p: DEMO_PASSWORD }, null)).login.token as string;
        tokens.set(username, token);
      }
      return post(query, variables, token);
    },
    async down() {
      if (!app) return;
      // Sockets left open by the browser would hold the port: close them as a dying process does.
      app.server.closeAllConnections();
      await app.stop();
      app = null;
    },
    async up() {
      if (app) return;
      app = await createApp(db, { auth: AUTH, now, video });
      await new Promise<void>((resolve) => app!.server.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      await server.down();
      await db.close();
    },
  };
  return server;
}
