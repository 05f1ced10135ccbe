/** Signs the session out after `idleSeconds` without a key, click, touch or scroll; null: never. */
import { useEffect } from 'react';
import type { AccountSession } from './account-session.js';
import { IdleWatch } from './session-timing.js';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleSignOut(session: AccountSession, idleSeconds: number | null): void {
  useEffect(() => {
    if (idleSeconds === null) return;
    const watch = new IdleWatch(idleSeconds * 1000, () => void session.signOut('idle'));
    const onActivity = () => watch.activity();
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { passive: true });
    return () => {
      watch.stop();
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity);
    };
  }, [session, idleSeconds]);
}
