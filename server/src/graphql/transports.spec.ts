/**
 * One set of limits on every transport: each limited request, sent as POST, as GET and as a
 * WebSocket subscribe message, is refused with the same message and code; over HTTP with a
 * client error status, never 500. Queries and mutations over the socket are refused (and a
 * mutation so refused is audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eachDriver } from '../../test/databases.js';
import { startTestApi, type TestApi } from '../../test/api.js';
import { QUERY_LIMITS, REFUSALS } from './limits.js';
import { MAX_REFUSALS } from './subscriptions-server.js';

const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { username }`).join(' ')} }`;
const nested = (depth: number) => {
  let body = 'code';
  for (let i = 0; i < depth; i += 1) body = `events { case { ${body} } }`;
  return `subscription { caseChanged { case { ${body} } } }`;
};
/** JSON text nested `depth` arrays deep (too deep for JSON.stringify to write). */
const deepJson = (depth: number) => `${'['.repeat(depth)}115.5${']'.repeat(depth)}`;

/** Requests each limit refuses, with what every transport must answer. */
const LIMITED: { name: string; query: string; variables?: string; message: string | RegExp }[] = [
  { name: 'too many aliases', query: aliases(QUERY_LIMITS.maxAliases + 5), message: REFUSALS.aliases },
  // A thousand aliases are too many tokens before they are too many aliases.
  { name: 'a thousand aliases', query: aliases(1000), message: REFUSALS.tokens },
  { name: 'nested too deep', query: nested(6), message: REFUSALS.depth },
  {
    name: 'too costly',
    query: `{ ${Array.from({ length: 3 }, (_, i) => `a${i}: cases(first: 500) { edges { node { code events { actor at note } } } }`).join(' ')} }`,
    message: REFUSALS.cost,
  },
  {
    name: 'too many directives',
    query: `subscription { caseChanged { caseCode ${'@include(if: true) '.repeat(QUERY_LIMITS.maxDirectives + 1)} } }`,
    message: REFUSALS.directives,
  },
  {
    name: 'too many tokens',
    query: `subscription { caseChanged(unitCode: "${'x'}") { caseCode ${'at '.repeat(QUERY_LIMITS.maxTokens)} } }`,
    message: REFUSALS.tokens,
  },
  { name: 'a NUL in the query', query: 'subscription { caseChanged { caseCode } }\u0000', message: REFUSALS.nul },
  {
    name: 'a NUL in the variables',
    query: 'subscription ($u: ID) { caseChanged(unitCode: $u) { caseCode } }',
    variables: JSON.stringify({ u: '371702005001\u0000' }),
    message: REFUSALS.nul,
  },
  {
    name: 'variables nested 20,000 deep',
    query: 'subscription ($u: ID) { caseChanged(unitCode: $u) { caseCode } }',
    variables: `{"u":${deepJson(20_000)}}`,
    message: REFUSALS.variableDepth,
  },
  { name: 'a syntax error', query: 'subscription { caseChanged { ', message: /^Syntax Error/ },
];

/** What the socket answers to one subscribe message: its error payload, or the close. */
function overSocket(
  api: TestApi,
  token: string,
  payload: { query: string; variables?: string | undefined },
): Promise<{ message: string; code: unknown }[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${api.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('no answer over the socket')), 10_000);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: any };
      if (message.type === 'connection_ack') {
        const variables = payload.variables ? `,"variables":${payload.variables}` : '';
        socket.send(`{"id":"1","type":"subscribe","payload":{"query":${JSON.stringify(payload.query)}${variables}}}`);
      }
      if (message.type === 'error') {
        clearTimeout(timer);
        socket.close();
        resolve(message.payload.map((e: any) => ({ message: e.message, code: e.extensions?.code })));
      }
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve([{ message: `closed ${code} ${String(reason)}`, code: null }]);
    });
  });
}

eachDriver('the same limits on every transport', (driver) => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-wall');
  });
  afterAll(() => api.stop());

  const post = async (query: string, variables?: string) => {
    const res = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: `Bearer ${token}`,
      },
      body: `{"query":${JSON.stringify(query)}${variables ? `,"variables":${variables}` : ''}}`,
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
  };
  const get = async (query: string, variables?: string) => {
    const params = new URLSearchParams({ query, ...(variables ? { variables } : {}) });
    const res = await fetch(`${api.base}/graphql?${params}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  describe.each(LIMITED)('$name', ({ query, variables, message }) => {
    it('is refused over POST with 400 and a client error code', async () => {
      const res = await post(query, variables);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/application\/graphql-response\+json/);
      expect(res.body.errors[0].message).toMatch(message);
      expect(res.body.errors[0].extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
    });

    it('is refused over GET and over the WebSocket with the same message and code', async () => {
      const byPost = (await post(query, variables)).body.errors[0];
      // A URL this long is refused by the HTTP server itself before any limit is checked.
      if (query.length + (variables ?? '').length < 8000) {
        const byGet = await get(query, variables);
        expect(byGet.status).toBe(400);
        expect(byGet.body.errors[0]).toMatchObject({
          message: byPost.message,
          extensions: { code: byPost.extensions.code },
        });
      }
      const bySocket = await overSocket(api, token, { query, variables });
      expect(bySocket[0]).toEqual({ message: byPost.message, code: byPost.extensions.code });
    });
  });

  it('refuses queries over the WebSocket and points to HTTP', async () => {
    const answer = await overSocket(api, token, { query: '{ cases(first: 500) { totalCount } }' });
    expect(answer[0]).toEqual({
      message: expect.stringMatching(/only subscriptions .* over HTTP/),
      code: 'BAD_REQUEST',
    });
  });

  it('refuses and audits a mutation sent over the WebSocket', async () => {
    const answer = await overSocket(api, token, {
      query: 'mutation { publishIndex(period: "2026-06", kind: month) { id } }',
    });
    expect(answer[0]!.code).not.toBe('INTERNAL_SERVER_ERROR');
    const { rows } = await api.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE username = 'demo-wall' AND operation = 'publishIndex' AND NOT success`,
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it('closes a socket that keeps sending what it is refused', async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${api.base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
      );
      socket.on('message', (data) => {
        if (JSON.parse(String(data)).type !== 'connection_ack') return;
        for (let i = 0; i < MAX_REFUSALS.count + 5; i += 1) {
          socket.send(JSON.stringify({ id: `r${i}`, type: 'subscribe', payload: { query: aliases(40) } }));
        }
      });
      socket.on('close', (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(4429);
  });

  it('still serves a subscription within the limits over the WebSocket', async () => {
    const answer = await Promise.race([
      overSocket(api, token, { query: 'subscription { caseChanged { caseCode } }' }),
      new Promise<'listening'>((resolve) => setTimeout(() => resolve('listening'), 1500)),
    ]);
    expect(answer).toBe('listening');
  });
});
