/**
 * The wall's connection to the server: GraphQL and feeds with the session's token, logging in
 * again once when the server refuses a token it can renew.
 */
import { ApiError } from '../api/errors.js';
import { fetchBinary, fetchJson, postGraphQL } from '../api/graphql.js';
import { Session, type Credentials } from '../api/session.js';
import { LOGIN } from './queries.js';

export async function login(username: string, password: string) {
  const data = await postGraphQL<{ login: { token: string; expiresAt: string } }>(LOGIN, { username, password }, null);
  return { token: data.login.token, expiresAt: new Date(data.login.expiresAt) };
}

export class WallApi {
  readonly session: Session;

  constructor(credentials: Credentials) {
    this.session = new Session(credentials, login);
  }

  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.session.getToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.kind !== 'unauthenticated' || !this.session.renewable) throw error;
      this.session.invalidate();
      return call(await this.session.getToken());
    }
  }

  query = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> =>
    this.withToken((token) => postGraphQL<T>(query, variables, token));

  feed = (path: string): Promise<ArrayBuffer> => this.withToken((token) => fetchBinary(path, token));

  json = <T>(path: string): Promise<T> => fetchJson<T>(path);

  token = (): Promise<string> => this.session.getToken();
}
