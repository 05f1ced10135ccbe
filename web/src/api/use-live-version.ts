/**
 * A number that grows when live events say that what a screen shows has changed (and after the
 * live socket reconnected, since events missed meanwhile are not replayed): screens put it in
 * the keys of what they read, so they read again, a moment after a burst of events.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from './client.js';
import { coalesce } from './coalesce.js';
import { listenLive, type LiveEventTypes, type LiveHandlers, type LiveTopic } from './live.js';

export interface LiveVersionOptions {
  /** How long after the first event of a burst the version grows. */
  waitMs: number;
  /** Told of every event before the version grows (to drop what a cache keeps of it). */
  onEvent?: <T extends LiveTopic>(topic: T, event: LiveEventTypes[T]) => void;
}

export function useLiveVersion(
  api: ApiClient,
  unitCode: string | null,
  topics: readonly LiveTopic[],
  options: LiveVersionOptions,
): number {
  const [version, setVersion] = useState(0);
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const topicKey = topics.join(',');
  useEffect(() => {
    if (unitCode === null || topicKey === '') return;
    const grow = coalesce(() => setVersion((v) => v + 1), options.waitMs);
    const handlers: LiveHandlers = {};
    for (const topic of topicKey.split(',') as LiveTopic[]) {
      (handlers as Record<string, (e: unknown) => void>)[topic] = (event) => {
        onEvent.current?.(topic, event as LiveEventTypes[typeof topic]);
        grow.poke();
      };
    }
    const stop = listenLive({
      getToken: () => api.token(),
      unitCode,
      handlers,
      onConnected: (reconnected) => reconnected && grow.poke(),
      onLost: () => undefined,
    });
    return () => {
      stop();
      grow.cancel();
    };
  }, [api, unitCode, topicKey, options.waitMs]);
  return version;
}
