import { describe, expect, it } from 'vitest';
import { snapTarget, type Project } from './snap.js';
import { EAST_SQUARE, WEST_SQUARE } from '../test-support/squares.js';

// 100 px per unit, y down as on screen.
const project: Project = ([x, y]) => ({ x: x * 100, y: -y * 100 });
const west = WEST_SQUARE;
const east = EAST_SQUARE;

describe('snapping a dragged vertex', () => {
  it('snaps to a vertex of another grid within the tolerance', () => {
    expect(snapTarget([west, east], [0, 1], [1.95, 1.05], project)).toEqual([2, 1]);
  });

  it('snaps to the nearest point of an edge when no vertex is near', () => {
    expect(snapTarget([west, east], [0, 1], [1.5, 1.04], project)).toEqual([1.5, 1]);
  });

  it('never snaps to the dragged vertex itself or the edges moving with it', () => {
    // Dragging the shared corner (1, 0): the pointer is near its old edges only.
    expect(snapTarget([west, east], [1, 0], [1.02, 0.3], project)).toBeUndefined();
    expect(snapTarget([west, east], [1, 0], [1.02, 0.02], project)).toBeUndefined();
  });

  it('does not snap beyond the tolerance', () => {
    expect(snapTarget([west, east], [0, 1], [1.5, 0.5], project)).toBeUndefined();
  });
});
