/**
 * Grid changes of the village being edited that someone else committed, as they happen: the
 * planner learns at once that the edit is based on old grids (its commit would be refused as
 * stale), instead of at the commit.
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { listenLive, type LiveGridsEvent } from '../api/live.js';

/** The latest change of `village` by another account than `me` (null: none since it was opened). */
export function useVillageChanges(
  api: ApiClient,
  village: string | null,
  me: string | null,
): { change: LiveGridsEvent | null; clear: () => void } {
  const [change, setChange] = useState<LiveGridsEvent | null>(null);
  useEffect(() => {
    setChange(null);
    if (!village || !me) return;
    return listenLive({
      getToken: () => api.token(),
      unitCode: village,
      handlers: { gridsChanged: (event) => event.author !== me && setChange(event) },
      onConnected: () => undefined,
      onLost: () => undefined,
    });
  }, [api, village, me]);
  return { change, clear: () => setChange(null) };
}
