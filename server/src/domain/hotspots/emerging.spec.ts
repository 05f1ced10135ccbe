import { describe, expect, it } from 'vitest';
import { classifyEmerging } from './emerging.js';

/** A step from a z-score, with a p-value consistent enough for the 90 % test. */
const step = (z: number) => ({ z, p: Math.abs(z) >= 1.645 ? 0.05 : 0.5 });
const steps = (zs: number[]) => zs.map(step);

describe('emerging hot spot categories', () => {
  it('calls a location hot only in the last week new', () => {
    expect(classifyEmerging(steps([0, 0.3, -0.2, 0.5, 0.1, 2.4])).category).toBe('new');
  });

  it('calls a location hot all along with rising z intensifying', () => {
    expect(classifyEmerging(steps([1.7, 1.9, 2.2, 2.5, 2.9, 3.3, 3.8, 4.1, 4.6, 5])).category).toBe('intensifying');
  });

  it('calls a location hot all along with falling z diminishing', () => {
    expect(classifyEmerging(steps([5, 4.6, 4.1, 3.8, 3.3, 2.9, 2.5, 2.2, 1.9, 1.7])).category).toBe('diminishing');
  });

  it('calls a location hot all along without a trend persistent', () => {
    expect(classifyEmerging(steps([3, 2.5, 3.1, 2.4, 3, 2.6, 2.9, 2.5, 3, 2.7])).category).toBe('persistent');
  });

  it('calls an on-and-off hot location that is hot now sporadic', () => {
    expect(classifyEmerging(steps([2, 0, 0.4, 2.1, 0, 0.2, 0, 2])).category).toBe('sporadic');
  });

  it('gives no category to a location not hot now, or once cold', () => {
    expect(classifyEmerging(steps([2, 2.5, 0, 0.2, 0.1, 0])).category).toBeNull();
    expect(classifyEmerging(steps([2, -2.2, 0, 2.1])).category).toBeNull();
    expect(classifyEmerging([]).category).toBeNull();
  });

  it('counts undefined weeks as not hot and z = 0 in the trend', () => {
    const r = classifyEmerging([{ z: null, p: null }, { z: null, p: null }, step(2)]);
    expect(r.category).toBe('new');
    expect(r.hotSteps).toBe(1);
  });
});
