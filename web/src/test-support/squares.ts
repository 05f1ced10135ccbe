/** Two unit squares side by side, sharing the edge x = 1 (counter-clockwise, closed), for ring specs. */
import type { Ring } from '../geometry/positions.js';

export const WEST_SQUARE: Ring = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

export const EAST_SQUARE: Ring = [
  [1, 0],
  [2, 0],
  [2, 1],
  [1, 1],
  [1, 0],
];
