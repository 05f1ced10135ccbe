/**
 * An API server on a private test database, with the demo accounts, a pinned clock and
 * helpers to log in and send GraphQL.
 */
import type { AddressInfo } from 'node:net';
import { createApp, type App, type VideoSettings } from '../src/app.js';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../src/auth/demo-accounts.js';
import { hashPassword } from '../src/auth/passwords.js';
import { insertMissingUsers } from '../src/db/queries/users.js';
import type { Database } from '../src/db/database.js';
import type { EventBus } from '../src/events/bus.js';
import { templateGateway } from '../src/video/template-gateway.js';
import { openTestDatabase, type Content, type Driver } from './databases.js';

/**
 * The video gateway of every test API unless a test gives its own: a template whose address
 * nothing listens on, so that views open (and are audited) while reading one fails cleanly.
 */
export const UNREACHABLE_VIDEO = 'http://127.0.0.1:9/live/{id}/index.m3u8';

/** The pinned "now" of API tests: the last day of the tiny data set, 10:00 in Heze. */
export const TEST_NOW = new Date('2026-06-30T10:00:00+08:00');

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  db: Database;
  base: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  login(username: string, password?: string): Promise<string>;
  /** The Express application (the jurisdiction matrix walks its routes). */
  express: App['express'];
  /** The app's start-up warm-up (App.warmUp). */
  warmUp: App['warmUp'];
  stop(): Promise<void>;
}

export async function startTestApi(
  driver: Driver,
  content: Content = 'tiny',
  now = () => TEST_NOW,
  /** The live-event bus, for tests that raise events the way a background job does. */
  events?: EventBus,
  /** The display time zone (TZ_DISPLAY); the server's default when not given. */
  timeZone?: string,
  /** Camera video; a template gateway at UNREACHABLE_VIDEO when not given, none when null. */
  video?: VideoSettings | null,
): Promise<TestApi> {
  const db = await openTestDatabase(driver, content);
  await ensureDemoAccounts(db);
  return startApiOn(db, now, { events, timeZone, video });
}

/**
 * An API server on a database the caller opened (a federation test's province or city); stopping
 * it closes that database too.
 */
export async function startApiOn(
  db: Database,
  now = () => TEST_NOW,
  options: { events?: EventBus; timeZone?: string; video?: VideoSettings | null } = {},
): Promise<TestApi> {
  const { events, timeZone, video } = options;
  const app: App = await createApp(db, {
    auth: { secret: new Uint8Array(32).fill(7), tokenTtlSeconds: 1800 },
    now,
    ...(events ? { events } : {}),
    ...(timeZone ? { timeZone } : {}),
    // Every page sampled, so that even tiny feeds are split between readers on a server.
    feeds: { readers: 3, samplePercent: 100 },
    video: video === undefined ? { gateway: templateGateway(UNREACHABLE_VIDEO) } : video,
  });
  // The embedded engine runs queries on this thread, so a long one (a test's DO loop) blocks the
  // event loop. Once it ends, the test's next fetch may reuse an idle keep-alive connection while
  // the server's overdue idle timer closes it: ECONNRESET (reproduced with a 6 s busy loop and
  // Node's default 5 s). Tests block for seconds, never a minute.
  app.server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
  return {
    db,
    base,
    gql,
    express: app.express,
    warmUp: () => app.warmUp(),
    async login(username, password = DEMO_PASSWORD) {
      const res = await gql<{ login: { token: string } }>(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: username, p: password },
      );
      if (!res.data) throw new Error(`login ${username} failed: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async stop() {
      await app.stop();
      await db.close();
    },
  };
}

/**
 * Every node of a Relay connection field (`field` of the query's data), walking pages of
 * `first` with the query's $first and $after; fails on an error or a repeated id.
 */
export async function walkConnection(
  api: TestApi,
  query: string,
  field: string,
  token: string,
  first: number,
  variables: Record<string, unknown> = {},
): Promise<{ nodes: any[]; totalCount: number }> {
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount: number;
  do {
    const res: GraphQLResponse<any> = await api.gql(query, { ...variables, first, after }, token);
    if (res.errors) throw new Error(`page of ${field} failed: ${JSON.stringify(res.errors)}`);
    const connection = res.data[field];
    totalCount = connection.totalCount;
    nodes.push(...connection.edges.map((e: { node: unknown }) => e.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  if (new Set(nodes.map((n) => n.id)).size !== nodes.length) throw new Error(`${field}: a page repeated an id`);
  return { nodes, totalCount };
}

/** Username of an operator of one village (赵楼社区), for meeting records outside a jurisdiction. */
export const VILLAGE_OPERATOR = 'village-operator';

/** Adds the village operator (password demo) to a test database. */
export async function addVillageOperator(db: Database): Promise<void> {
  await insertMissingUsers(db, [
    {
      username: VILLAGE_OPERATOR,
      displayName: '赵楼社区值班员',
      role: 'operator',
      jurisdictionCode: '371702005001',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    },
  ]);
}
