import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, isTransient } from './errors.js';
import { fetchBinary, postGraphQL } from './graphql.js';

const answer = (status: number, body: unknown) =>
  vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));

describe('requests to the server', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hands back the data and sends the token', async () => {
    const fetch = answer(200, { data: { me: { username: 'demo-wall' } } });
    vi.stubGlobal('fetch', fetch);
    expect(await postGraphQL('{ me { username } }', {}, 'tok')).toEqual({ me: { username: 'demo-wall' } });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('tells a refused token from other errors', async () => {
    vi.stubGlobal('fetch', answer(200, { errors: [{ message: 'log in', extensions: { code: 'UNAUTHENTICATED' } }] }));
    const refused = await postGraphQL('{ me { username } }', {}, 'old').catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'unauthenticated' });
    expect(isTransient(refused)).toBe(false);
    vi.stubGlobal('fetch', answer(200, { errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }] }));
    expect(await postGraphQL('{ x }', {}, 't').catch((e: unknown) => e)).toMatchObject({
      kind: 'server',
      code: 'BAD_USER_INPUT',
    });
  });

  it('treats an unreachable server, or a proxy page in its place, as a network failure worth retrying', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const away = await postGraphQL('{ x }', {}, 't').catch((e: unknown) => e);
    expect(away).toBeInstanceOf(ApiError);
    expect(away).toMatchObject({ kind: 'network' });
    expect(isTransient(away)).toBe(true);
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    expect(await postGraphQL('{ x }', {}, 't').catch((e: unknown) => e)).toMatchObject({ kind: 'network' });
  });

  it('reads feeds as bytes and refuses with the status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(new Uint8Array([1, 2, 3]), { status: 200 })),
    );
    expect(new Uint8Array(await fetchBinary('/feeds/cameras', 't'))).toEqual(new Uint8Array([1, 2, 3]));
    vi.stubGlobal('fetch', answer(401, { error: { code: 'UNAUTHENTICATED' } }));
    expect(await fetchBinary('/feeds/cameras', 't').catch((e: unknown) => e)).toMatchObject({
      kind: 'unauthenticated',
    });
    vi.stubGlobal('fetch', answer(503, { error: {} }));
    expect(await fetchBinary('/feeds/cameras', 't').catch((e: unknown) => e)).toMatchObject({ kind: 'network' });
  });
});
