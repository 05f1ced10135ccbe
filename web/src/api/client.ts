/**
 * The web app's one connection to the server: GraphQL, binary feeds and public JSON with the
 * session's token, logging in again once when the server refuses a token it can renew. Every
 * screen talks to the server through an {@link ApiClient}.
 */
import { ApiError } from './errors.js';
import { fetchBinary, fetchJson, postGraphQL } from './graphql.js';
import { Session, type Credentials, type LoginResult } from './session.js';

const LOGIN = /* GraphQL */ `
  mutation WallLogin($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
    }
  }
`;

/** Logs in with a password (a kiosk account or the login gate); throws an {@link ApiError}. */
export async function login(username: string, password: string): Promise<LoginResult> {
  const data = await postGraphQL<{ login: { token: string; expiresAt: string } }>(LOGIN, { username, password }, null);
  return { token: data.login.token, expiresAt: new Date(data.login.expiresAt) };
}

/** Requests made with one set of credentials; a refused renewable token is replaced once. */
export class ApiClient {
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

  /** One GraphQL operation with the token. */
  query = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> =>
    this.withToken((token) => postGraphQL<T>(query, variables, token));

  /** One binary map feed (/feeds/...) with the token. */
  feed = (path: string): Promise<ArrayBuffer> => this.withToken((token) => fetchBinary(path, token));

  /** Public JSON that needs no token (the basemap's documents). */
  json = <T>(path: string): Promise<T> => fetchJson<T>(path);

  /** The current token, for requests made elsewhere (uploads, the live socket). */
  token = (): Promise<string> => this.session.getToken();
}
