import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce.js';

describe('coalesce', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs once, a wait after the first poke of a burst', () => {
    const run = vi.fn();
    const c = coalesce(run, 1000);
    c.poke();
    vi.advanceTimersByTime(400);
    c.poke();
    c.poke();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs again for a poke after the last run', () => {
    const run = vi.fn();
    const c = coalesce(run, 1000);
    c.poke();
    vi.advanceTimersByTime(1000);
    c.poke();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const c = coalesce(run, 1000);
    c.poke();
    c.cancel();
    vi.advanceTimersByTime(5000);
    expect(run).not.toHaveBeenCalled();
  });
});
