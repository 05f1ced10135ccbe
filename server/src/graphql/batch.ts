/**
 * Per-request batching of field resolvers (the DataLoader idea): a list of 5,000 units asks
 * for their counts in one query, not 5,000. Keys asked for in the same tick are loaded
 * together; each request has its own cache, so nothing leaks between viewers.
 */
const loaders = new WeakMap<object, Map<string, Loader<unknown>>>();

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

interface Loader<V> {
  pending: Map<string, Waiter<V>[]>;
  scheduled: boolean;
}

export function batchLoad<V>(
  ctx: object,
  name: string,
  key: string,
  loadMany: (keys: string[]) => Promise<Map<string, V>>,
): Promise<V | undefined> {
  let perRequest = loaders.get(ctx);
  if (!perRequest) loaders.set(ctx, (perRequest = new Map()));
  let loader = perRequest.get(name) as Loader<V> | undefined;
  if (!loader) {
    loader = { pending: new Map(), scheduled: false };
    perRequest.set(name, loader as Loader<unknown>);
  }
  const l = loader;
  return new Promise<V | undefined>((resolve, reject) => {
    const waiting = l.pending.get(key) ?? [];
    waiting.push({ resolve, reject });
    l.pending.set(key, waiting);
    if (l.scheduled) return;
    l.scheduled = true;
    setImmediate(() => {
      const batch = l.pending;
      l.pending = new Map();
      l.scheduled = false;
      loadMany([...batch.keys()]).then(
        (values) => batch.forEach((waiters, k) => waiters.forEach((w) => w.resolve(values.get(k)))),
        (error: unknown) => batch.forEach((waiters) => waiters.forEach((w) => w.reject(error))),
      );
    });
  });
}
