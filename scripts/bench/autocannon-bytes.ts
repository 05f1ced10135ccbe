/**
 * Makes autocannon keep response bodies as a byte count instead of a string. autocannon appends
 * every body chunk to a JavaScript string (`body += chunk`, a UTF-8 decode of binary data), to
 * offer the body to `onResponse` and `expectBody`, which these benchmarks do not use. For a
 * 2.5 MB binary feed that decode costs the load generator far more CPU than the server spends
 * sending it, and on a machine shared by both it is the generator's work, not the server's,
 * that the latencies then measure. A browser keeps the bytes as they come (`arrayBuffer()`).
 *
 * Applies to autocannon run in this thread (not its `workers` option, whose threads load their
 * own copy). Call before the first run.
 */
import { createRequire } from 'node:module';

interface PendingRequest {
  bytes: number;
  body: string;
}

interface Queue {
  prototype: { peek(): PendingRequest | undefined; addBody(data: Buffer): void };
}

export function countBodiesOnly(): void {
  const require = createRequire(import.meta.url);
  const queue = require('autocannon/lib/pipelinedRequestsQueue.js') as Queue;
  if (typeof queue.prototype?.addBody !== 'function' || typeof queue.prototype.peek !== 'function') {
    throw new Error('autocannon changed: lib/pipelinedRequestsQueue.js has no addBody/peek to replace');
  }
  // Bytes are already counted from the socket (`addByteCount`); the body itself is dropped.
  queue.prototype.addBody = function () {};
}
