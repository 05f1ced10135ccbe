import { describe, expect, it } from 'vitest';
import { sketchPaths } from './sketch.js';

describe('the history sketch', () => {
  it('fits all shapes into the box together, north up', () => {
    const [a, b] = sketchPaths(
      [
        {
          code: 'a',
          rings: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        {
          code: 'b',
          rings: [
            [
              [1, 0],
              [2, 0],
              [2, 1],
              [1, 0],
            ],
          ],
        },
      ],
      108,
      58,
    );
    expect(a!.d).toBe('M4.0,54.0L54.0,54.0L54.0,4.0L4.0,54.0Z');
    expect(b!.d.startsWith('M54.0,54.0')).toBe(true);
  });

  it('draws nothing for no shapes', () => {
    expect(sketchPaths([], 10, 10)).toEqual([]);
  });
});
