import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPoller } from './poller.js';

describe('startPoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const backoff = { baseMs: 1000, maxMs: 8000, jitter: 0 };

  it('runs at once and then every period', async () => {
    let runs = 0;
    const poller = startPoller({ task: async () => void runs++, periodMs: 60_000, backoff });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(2);
    poller.stop();
  });

  it('retries with growing delays while failing, then returns to the period', async () => {
    const times: number[] = [];
    let failing = true;
    const results: string[] = [];
    const poller = startPoller({
      task: async () => {
        times.push(Date.now());
        if (failing) throw new Error('server away');
      },
      periodMs: 60_000,
      backoff,
      onRun: (r) => results.push(r.ok ? 'ok' : `fail ${r.failures}`),
    });
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(0 + 1000 + 2000 + 4000 + 8000 + 8000);
    expect(times.map((t) => t - t0)).toEqual([0, 1000, 3000, 7000, 15000, 23000]);
    failing = false;
    await vi.advanceTimersByTimeAsync(8000);
    expect(results.slice(-2)).toEqual(['fail 6', 'ok']);
    const recovered = Date.now();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(times.at(-1)! - recovered).toBe(60_000);
    poller.stop();
  });

  it('runs at once when triggered, and never twice at the same time', async () => {
    let concurrent = 0;
    let most = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const poller = startPoller({
      task: () =>
        new Promise<void>((resolve) => {
          runs++;
          concurrent++;
          most = Math.max(most, concurrent);
          release = () => {
            concurrent--;
            resolve();
          };
        }),
      periodMs: 60_000,
      backoff,
    });
    await vi.advanceTimersByTimeAsync(0);
    poller.trigger();
    poller.trigger();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(2);
    expect(most).toBe(1);
    release();
    poller.stop();
  });

  it('stops for good', async () => {
    let runs = 0;
    const poller = startPoller({ task: async () => void runs++, periodMs: 1000, backoff });
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    poller.trigger();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
  });
});
