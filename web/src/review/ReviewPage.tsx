/**
 * /review: the stability index for leaders. A leader signs in through /signin; a screen given
 * `?token=` or `?kiosk=` (a review shown on a wall) uses those credentials instead, as the wall
 * does, and falls back to signing in when they are refused.
 */
import { useCallback, useMemo, useState } from 'react';
import { endRefusedSession, SignedInScreen } from '../account/SignedInScreen.js';
import { credentialsFromSearch, searchWithoutToken, type Credentials } from '../api/session.js';
import { ApiClient } from '../api/client.js';
import { Review } from './Review.js';
import '../ui/ui.css';
import './review.css';

function initialCredentials(): Credentials | null {
  const credentials = credentialsFromSearch(window.location.search, {});
  if (credentials?.kind === 'token') {
    window.history.replaceState(null, '', window.location.pathname + searchWithoutToken(window.location.search));
  }
  return credentials;
}

export function ReviewPage() {
  const [credentials, setCredentials] = useState<Credentials | null>(initialCredentials);
  const api = useMemo(() => (credentials ? new ApiClient(credentials) : null), [credentials]);
  const onRefused = useCallback(() => setCredentials(null), []);
  if (api) return <Review api={api} onAuthFailed={onRefused} />;
  return <SignedInScreen>{(signedIn) => <Review api={signedIn} onAuthFailed={endRefusedSession} />}</SignedInScreen>;
}
