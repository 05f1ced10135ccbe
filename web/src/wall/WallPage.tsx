/** /wall: logs in from the URL or the build's kiosk account (see api/session.ts), or asks. */
import { useCallback, useMemo, useState } from 'react';
import { credentialsFromSearch, searchWithoutToken, type Credentials } from '../api/session.js';
import { ApiClient } from '../api/client.js';
import { LoginGate } from '../ui/LoginGate.js';
import { Wall } from './Wall.js';
import '../ui/ui.css';
import './wall.css';

const KIOSK = {
  kioskUser: import.meta.env.VITE_KIOSK_USER as string | undefined,
  kioskPassword: import.meta.env.VITE_KIOSK_PASSWORD as string | undefined,
};

function initialCredentials(): Credentials | null {
  const credentials = credentialsFromSearch(window.location.search, KIOSK);
  if (credentials?.kind === 'token') {
    // The token is in memory now; keep it out of the address bar, history and screenshots.
    window.history.replaceState(null, '', window.location.pathname + searchWithoutToken(window.location.search));
  }
  return credentials;
}

export function WallPage() {
  const [credentials, setCredentials] = useState<Credentials | null>(initialCredentials);
  const [refused, setRefused] = useState<string | null>(null);
  const api = useMemo(() => (credentials ? new ApiClient(credentials) : null), [credentials]);
  const onAuthFailed = useCallback((reason: string) => {
    // Never retry refused credentials: a kiosk repeating a wrong password would lock its account.
    setRefused(reason);
    setCredentials(null);
  }, []);
  if (!api) {
    return (
      <LoginGate
        reason={refused}
        onLogin={(c) => {
          setRefused(null);
          setCredentials(c);
        }}
      />
    );
  }
  return <Wall api={api} onAuthFailed={onAuthFailed} />;
}
