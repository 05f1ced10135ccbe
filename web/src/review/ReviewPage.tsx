/** /review: leaders log in (form, or ?token= / ?kiosk= as on the wall) and review the stability index. */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { credentialsFromSearch, searchWithoutToken, type Credentials } from '../api/session.js';
import { WallApi } from '../wall/api.js';
import { LoginGate } from '../wall/LoginGate.js';
import { Review } from './Review.js';
import '../wall/wall.css';
import './review.css';

function initialCredentials(): Credentials | null {
  const credentials = credentialsFromSearch(window.location.search, {});
  if (credentials?.kind === 'token') {
    window.history.replaceState(null, '', window.location.pathname + searchWithoutToken(window.location.search));
  }
  return credentials;
}

export function ReviewPage() {
  const { t } = useTranslation();
  const [credentials, setCredentials] = useState<Credentials | null>(initialCredentials);
  const [refused, setRefused] = useState<string | null>(null);
  const api = useMemo(() => (credentials ? new WallApi(credentials) : null), [credentials]);
  const onAuthFailed = useCallback((reason: string) => {
    setRefused(reason);
    setCredentials(null);
  }, []);
  if (!api) {
    return (
      <div className="review-login" aria-label={t('review.login')}>
        <LoginGate
          title={t('review.title')}
          reason={refused}
          onLogin={(c) => {
            setRefused(null);
            setCredentials(c);
          }}
        />
      </div>
    );
  }
  return <Review api={api} onAuthFailed={onAuthFailed} />;
}
