/**
 * The forecast's fits, off the server's thread. A city-scale fit or a 12-origin backtest is
 * seconds of CPU-bound JavaScript; run in the main thread it would hold up every other request
 * of the server meanwhile. One worker thread, started on first use and kept, runs them one at a
 * time in the order asked (two cores: a second fit beside the first would only slow both).
 * The database is read in the main thread; only the rows travel (structured clone).
 */
import { Worker } from 'node:worker_threads';
import type { ForecastInputRows } from '../db/queries/forecast-inputs.js';
import type { Result } from '../domain/result.js';
import { AppError, type AppErrorKind } from '../errors.js';
import type { ForecastRequest, ForecastServiceError, UnitBacktest, UnitForecast } from './compute.js';

/** A fit to run: the rows read for the local day `origin` and the request they were read for. */
export type FitTask =
  | { task: 'forecast'; rows: ForecastInputRows; origin: number; request: ForecastRequest }
  | { task: 'backtest'; rows: ForecastInputRows; origin: number; request: { unitCode: string; horizonDays: number } };

type FitResult<T extends FitTask> = Result<
  T['task'] extends 'forecast' ? UnitForecast : UnitBacktest,
  ForecastServiceError
>;

/** An error thrown in the worker, as it crosses back: an AppError keeps what the API reports. */
export interface ThrownInWorker {
  name: string;
  message: string;
  stack: string | undefined;
  app?: {
    kind: AppErrorKind;
    field: string | undefined;
    details: Record<string, unknown>;
    outside: boolean;
    reason: string;
    params: AppError['params'];
  };
}

export type FitReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; thrown: ThrownInWorker };

interface Pending {
  what: string;
  done: (value: unknown) => void;
  fail: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function start(): Worker {
  const here = import.meta.url;
  // A worker does not inherit tsx's module hooks: from the sources it registers them before
  // loading the worker's module; from compiled JavaScript it loads the module directly.
  const w = here.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
          new URL('./fit-worker.ts', here).href,
        )}); })`,
        { eval: true },
      )
    : new Worker(new URL('./fit-worker.js', here));
  w.on('message', (reply: FitReply) => settle(reply));
  w.on('error', (error) => stopped(w, `crashed: ${error.message}`));
  w.on('exit', (code) => stopped(w, `stopped (exit code ${code})`));
  w.unref();
  return w;
}

function settle(reply: FitReply): void {
  const p = pending.get(reply.id);
  if (!p) return;
  pending.delete(reply.id);
  if (pending.size === 0) worker?.unref();
  if (reply.ok) p.done(reply.value);
  else p.fail(rebuild(reply.thrown, p.what));
}

/** Every fit still waiting fails with why; the next one starts a fresh worker. */
function stopped(w: Worker, why: string): void {
  if (worker !== w) return;
  worker = null;
  for (const [id, p] of pending) {
    pending.delete(id);
    p.fail(new Error(`the forecast's fit thread ${why} before finishing the ${p.what}`));
  }
}

function rebuild(thrown: ThrownInWorker, what: string): Error {
  if (thrown.app) {
    const { kind, field, details, outside, reason, params } = thrown.app;
    return new AppError(kind, thrown.message, {
      ...(field !== undefined ? { field } : {}),
      details,
      outside,
      reason,
      params,
    });
  }
  const error = new Error(`the ${what} failed in the fit thread: ${thrown.name}: ${thrown.message}`);
  error.stack = `${error.name}: ${error.message}\n  in the fit thread: ${thrown.stack ?? '(no stack)'}`;
  return error;
}

/**
 * Runs a fit in the worker thread. Resolves with what the same call of compute.ts returns;
 * rejects with the AppError it throws, or with an error that names the fit and the worker's
 * own error and stack.
 */
export function inFitThread<T extends FitTask>(task: T): Promise<FitResult<T>> {
  worker ??= start();
  const id = nextId++;
  const what = `${task.task} of unit ${task.request.unitCode} (H = ${task.request.horizonDays})`;
  const w = worker;
  return new Promise((done, fail) => {
    pending.set(id, { what, done: done as (value: unknown) => void, fail });
    // Held while a fit is under way, so that a script awaiting it does not exit meanwhile.
    w.ref();
    w.postMessage({ id, ...task });
  });
}

/** How many fits this process has asked the thread for (the start-up warm-up's test reads it). */
export function fitsAsked(): number {
  return nextId - 1;
}

/** Stops the worker (server shutdown, tests); fits still waiting fail, saying so. */
export async function stopFitThread(): Promise<void> {
  const w = worker;
  if (w) await w.terminate();
}
