/**
 * A screen for the person signed in through /signin (the planner, the import page, a leader's
 * review): its API reads the account session's token, which the session renews and drops when
 * idle; a token the server refuses ends the session, and the gate sends the person to sign in.
 */
import { useMemo, type ReactNode } from 'react';
import { ApiClient } from '../api/client.js';
import { accountSession } from './current.js';
import { RequireAccount } from './RequireAccount.js';
import type { SignedIn } from './sign-in-steps.js';

export function SignedInScreen({ children }: { children: (api: ApiClient, signedIn: SignedIn) => ReactNode }) {
  const api = useMemo(() => new ApiClient({ kind: 'signed-in', token: () => accountSession.token() }), []);
  return <RequireAccount>{(signedIn) => children(api, signedIn)}</RequireAccount>;
}

/** What a screen calls when the server refused its token: the session has ended elsewhere. */
export const endRefusedSession = (): void => accountSession.end('ended');
