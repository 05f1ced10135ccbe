/**
 * The review's state is its URL: each change is a history entry, and back/forward restore it, so
 * a leader can send a drilled-down view as a link.
 */
import { useCallback, useEffect, useState } from 'react';
import { searchOf, stateFromSearch, type ReviewState } from '../stability/drill.js';

/** The state read from the address bar, and `go`, which changes it and pushes a history entry. */
export function useReviewLocation(): [ReviewState, (next: Partial<ReviewState>) => void] {
  const [state, setState] = useState<ReviewState>(() => stateFromSearch(window.location.search));
  const go = useCallback((next: Partial<ReviewState>) => {
    setState((s) => {
      const merged = { ...s, ...next };
      window.history.pushState(null, '', window.location.pathname + searchOf(merged, window.location.search));
      return merged;
    });
  }, []);
  useEffect(() => {
    const back = () => setState(stateFromSearch(window.location.search));
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);
  return [state, go];
}
