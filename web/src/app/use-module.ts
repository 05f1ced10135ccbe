/**
 * A code-split module, `null` until it is in. Unlike `React.lazy` under `Suspense`, nothing
 * suspends: React 19 holds a boundary's content back for a while after its fallback was shown,
 * and on the wall that kept the map hidden after both its chunk and its data were in. A failed load (the server restarting) is tried again with backoff; until then the
 * caller shows its placeholder and the rest of the page goes on.
 */
import { useEffect, useState } from 'react';
import { backoffDelayMs } from '../api/backoff.js';

export function useModule<T>(load: () => Promise<T>): T | null {
  const [module, setModule] = useState<{ value: T } | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (failures: number) => {
      load().then(
        (value) => live && setModule({ value }),
        (error: unknown) => {
          if (!live) return;
          console.warn('module load failed, trying again:', error);
          timer = setTimeout(() => attempt(failures + 1), backoffDelayMs(failures));
        },
      );
    };
    attempt(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [load]);
  return module?.value ?? null;
}
