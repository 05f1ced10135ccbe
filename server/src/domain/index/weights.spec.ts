import { describe, expect, it } from 'vitest';
import { CURRENT_WEIGHTS, WEIGHTS_VERSIONS, weightsByVersion } from './weights.js';

describe('the weights configuration', () => {
  it.each(WEIGHTS_VERSIONS.map((w) => [w.version, w] as const))('version %s has weights summing to 1', (_, w) => {
    expect(w.indicators.reduce((a, s) => a + s.weight, 0)).toBeCloseTo(1, 12);
    expect(w.indicators.every((s) => s.weight > 0)).toBe(true);
  });

  it.each(WEIGHTS_VERSIONS.map((w) => [w.version, w] as const))(
    'version %s has goalposts that agree with each direction and ordered bands',
    (_, w) => {
      for (const s of w.indicators) {
        expect(
          s.direction === 'positive' ? s.goalposts.best > s.goalposts.worst : s.goalposts.best < s.goalposts.worst,
        ).toBe(true);
      }
      expect(w.bands.red).toBeLessThan(w.bands.orange);
      expect(w.bands.orange).toBeLessThan(w.bands.yellow);
    },
  );

  it('has unique versions and finds the current one by name', () => {
    expect(new Set(WEIGHTS_VERSIONS.map((w) => w.version)).size).toBe(WEIGHTS_VERSIONS.length);
    expect(weightsByVersion(CURRENT_WEIGHTS.version)).toBe(CURRENT_WEIGHTS);
    expect(weightsByVersion('1999.1')).toBeNull();
  });
});
