/**
 * How the wall's sources fare (server, live socket, map), for the header's "stale" badge, and
 * when to read the map's feeds again: after an outage ends, and every few minutes anyway.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authFailureText } from '../api/auth-failure.js';
import { ApiError } from '../api/errors.js';
import { reportHealth, type Health, type Source } from './health.js';
import type { HealthReport } from './use-wall-data.js';

/** How often the map's feeds are read again when nothing else asks. */
export const FEED_REFRESH_MS = 5 * 60_000;

/** The sources' health, the function they report through, and a key that changes to re-read the feeds. */
export function useWallHealth(onAuthFailed: (reason: string) => void) {
  const { t } = useTranslation();
  const [health, setHealth] = useState<Health>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const lastOk = useRef<Partial<Record<Source, boolean>>>({});
  // Read when a failure is told: a language switch must not renew `report` (and re-read the basemap).
  const tNow = useRef(t);
  tNow.current = t;
  const report = useCallback<HealthReport>(
    (source, ok, error) => {
      setHealth((h) => reportHealth(h, source, ok, new Date()));
      // Back after an outage of the server's HTTP answers: the map reads its feeds again too. A
      // live socket that merely reconnected does not re-read the feeds (its snapshot refresh
      // covers the gap, and the feeds are read again every few minutes anyway).
      if (ok && source !== 'live' && lastOk.current[source] === false) setRefreshKey((k) => k + 1);
      lastOk.current[source] = ok;
      if (error instanceof ApiError && error.kind === 'unauthenticated')
        onAuthFailed(authFailureText(error, tNow.current));
    },
    [onAuthFailed],
  );
  const mapHealth = useCallback((ok: boolean) => report('map', ok), [report]);
  useEffect(() => {
    const timer = setInterval(() => setRefreshKey((k) => k + 1), FEED_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const refreshMap = useCallback(() => setRefreshKey((k) => k + 1), []);
  return { health, report, mapHealth, refreshKey, refreshMap };
}
