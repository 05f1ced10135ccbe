/**
 * In-process publish/subscribe for live events (case changes, camera status). Each
 * subscriber gets an async iterator with its own bounded queue, so a slow client cannot make
 * the server hold unbounded memory: past the bound the oldest events are dropped and the
 * client refetches a snapshot on reconnect anyway. One server process; several processes
 * would carry these over PostgreSQL LISTEN/NOTIFY instead.
 */

export interface LiveEvents {
  caseChanged: {
    caseCode: string;
    villageCode: string;
    at: Date;
    fromStatus: string | null;
    toStatus: string;
    actor: string;
    note: string | null;
  };
  cameraStatusChanged: { id: string; gridCode: string; status: string; at: Date };
  /** An early warning stored by the daily check (server/src/stability/warnings.ts). */
  warningRaised: {
    id: string;
    gridCode: string;
    gridName: string | null;
    day: string;
    measure: string;
    observed: number;
    expected: number;
    upperLimit: number;
    pValue: number;
    raisedAt: Date;
  };
  /**
   * Sign-in sessions that ended (sign-out, revocation, an account disabled or changed): their
   * live sockets close at once. `sessionIds` null: every session of the account.
   */
  sessionsEnded: { username: string; sessionIds: string[] | null; reason: string };
  /** A committed grid change (or revert) of a village: its grids are new, a wall refetches them. */
  gridsChanged: { villageCode: string; changeId: string; kind: string; author: string; at: Date };
  /**
   * A stability-index period published (or republished as a new revision) for every unit at
   * once: it names no unit, so every subscriber hears it and rereads the index it shows.
   */
  indexPublished: { period: string; periodStart: string; revision: number; publishedAt: Date };
}

export type Topic = keyof LiveEvents;

type Listener<T extends Topic> = (event: LiveEvents[T]) => void;

export const MAX_QUEUED_EVENTS = 1000;

export class EventBus {
  private readonly listeners = new Map<Topic, Set<Listener<any>>>();

  publish<T extends Topic>(topic: T, event: LiveEvents[T]): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(event);
  }

  /** The events of `topic` that pass `accept`, from now on, until the iterator is returned. */
  subscribe<T extends Topic>(
    topic: T,
    accept: (event: LiveEvents[T]) => boolean,
  ): AsyncIterableIterator<LiveEvents[T]> {
    const queue: LiveEvents[T][] = [];
    let wake: ((r: IteratorResult<LiveEvents[T]>) => void) | null = null;
    let done = false;
    const listener: Listener<T> = (event) => {
      if (done || !accept(event)) return;
      if (wake) {
        const w = wake;
        wake = null;
        w({ value: event, done: false });
      } else {
        queue.push(event);
        if (queue.length > MAX_QUEUED_EVENTS) queue.shift();
      }
    };
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    const stop = (): Promise<IteratorResult<LiveEvents[T]>> => {
      done = true;
      set.delete(listener);
      wake?.({ value: undefined, done: true });
      wake = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (wake = resolve));
      },
      return: stop,
      throw: (error) => stop().then(() => Promise.reject(error)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  subscriberCount(topic: Topic): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
