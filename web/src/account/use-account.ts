/** The account session as React state, and a form's busy/refused bookkeeping. */
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { AccountSession, SessionSnapshot } from './account-session.js';

export function useAccount(session: AccountSession): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

/** Runs one submission at a time; keeps what it threw for the form to say. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}
