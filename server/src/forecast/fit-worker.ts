/** The worker thread of fit-thread.ts: runs each fit it is sent, in order, and replies. */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { backtestFromInputs, forecastFromInputs, indexInputs } from './compute.js';
import type { FitReply, FitTask, ThrownInWorker } from './fit-thread.js';

function thrownOf(error: unknown): ThrownInWorker {
  if (!(error instanceof Error)) return { name: 'thrown', message: String(error), stack: undefined };
  const thrown: ThrownInWorker = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof AppError)
    thrown.app = {
      kind: error.kind,
      field: error.field,
      details: { ...error.details },
      outside: error.outside,
      reason: error.reason,
      params: error.params,
    };
  return thrown;
}

parentPort!.on('message', (message: FitTask & { id: number }) => {
  let reply: FitReply;
  try {
    const inputs = indexInputs(message.rows, message.origin);
    const value =
      message.task === 'forecast'
        ? forecastFromInputs(inputs, message.request)
        : backtestFromInputs(inputs, message.request);
    reply = { id: message.id, ok: true, value };
  } catch (error) {
    reply = { id: message.id, ok: false, thrown: thrownOf(error) };
  }
  parentPort!.postMessage(reply);
});
