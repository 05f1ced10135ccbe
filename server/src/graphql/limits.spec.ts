import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDriver } from '../../test/databases.js';
import { startTestApi, type TestApi } from '../../test/api.js';

eachDriver('query limits', (driver) => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi(driver);
    token = await api.login('demo-township');
  });
  afterAll(() => api.stop());

  it('rejects too many aliases without echoing the limit', async () => {
    const query = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: me { username }`).join(' ')} }`;
    const res = await api.gql(query, {}, token);
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
    expect(res.errors?.[0]?.message).not.toMatch(/15/);
  });

  it('rejects a query nested too deep', async () => {
    const deep =
      'case(code: "x") { events { case { events { case { events { case { events { case { events { case { code } } } } } } } } } } }';
    const res = await api.gql(`{ ${deep} }`, {}, token);
    expect(res.errors?.[0]?.message).toMatch(/nested too deep/);
  });

  it('refuses batched requests', async () => {
    const res = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ me { username } }' }, { query: '{ me { username } }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('refuses a request body over the size limit', async () => {
    const res = await fetch(`${api.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { username } }', variables: { pad: 'x'.repeat(3_000_000) } }),
    });
    expect(res.status).toBe(413);
  });

  it('answers a GET query that carries the CSRF-safe header', async () => {
    const url = `${api.base}/graphql?query=${encodeURIComponent('{ me { username } }')}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.me.username).toBe('demo-township');
  });
});
