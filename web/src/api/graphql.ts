/** GraphQL over HTTP POST to /graphql with the bearer token. */
import { ApiError } from './errors.js';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** Sends one operation; resolves with `data` or throws an {@link ApiError}. */
export async function postGraphQL<T>(
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    throw new ApiError('network', `the server cannot be reached (${(error as Error).message})`);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(res.status >= 500 ? 'network' : 'server', `the server answered ${res.status} without JSON`);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code;
    throw new ApiError(
      code === 'UNAUTHENTICATED' ? 'unauthenticated' : 'server',
      first.message,
      code,
      first.extensions ?? {},
    );
  }
  if (!body.data) throw new ApiError('server', `the server answered ${res.status} without data`);
  return body.data;
}

/** Fetches a binary map feed (/feeds/...) with the bearer token. */
export async function fetchBinary(path: string, token: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, signal });
  } catch (error) {
    throw new ApiError('network', `the server cannot be reached (${(error as Error).message})`);
  }
  if (res.status === 401)
    throw new ApiError('unauthenticated', 'the token was refused', undefined, { reason: 'refused' });
  if (!res.ok) throw new ApiError(res.status >= 500 ? 'network' : 'server', `${path} answered ${res.status}`);
  return res.arrayBuffer();
}

/** Fetches public JSON (the basemap's documents). */
export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal });
  } catch (error) {
    throw new ApiError('network', `the server cannot be reached (${(error as Error).message})`);
  }
  if (!res.ok) throw new ApiError(res.status >= 500 ? 'network' : 'server', `${path} answered ${res.status}`);
  return (await res.json()) as T;
}
