import { describe, expect, it } from 'vitest';
import { featureBbox, townshipsInView, type Bbox } from './grid-view.js';

describe('featureBbox', () => {
  it('spans every ring of a MultiPolygon', () => {
    const bbox = featureBbox({
      type: 'Feature',
      properties: { code: 'x' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1, 2],
              [3, 2],
              [3, 4],
              [1, 2],
            ],
          ],
          [
            [
              [-1, 0],
              [0, 0],
              [0, 1],
              [-1, 0],
            ],
          ],
        ],
      },
    });
    expect(bbox).toEqual([-1, 0, 3, 4]);
  });
});

describe('townshipsInView', () => {
  const boxes = new Map<string, Bbox>([
    ['b', [2, 2, 3, 3]],
    ['a', [0, 0, 1, 1]],
    ['c', [10, 10, 11, 11]],
  ]);

  it('lists the townships whose boxes meet the view, touching included', () => {
    expect(townshipsInView(boxes, [0.5, 0.5, 2, 2])).toEqual(['a', 'b']);
    expect(townshipsInView(boxes, [5, 5, 6, 6])).toEqual([]);
  });

  it('stops at the maximum', () => {
    expect(townshipsInView(boxes, [-100, -100, 100, 100], 2)).toHaveLength(2);
  });
});
