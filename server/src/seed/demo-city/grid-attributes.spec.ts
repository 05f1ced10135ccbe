import { describe, expect, it } from 'vitest';
import { describeGrid, type GridContext } from './grid-attributes.js';
import type { GridRegion } from './grids.js';

function buildRegion(overrides: Partial<GridRegion> = {}): GridRegion {
  return { villageIndex: 0, serial: 3, atoms: Int32Array.from([1, 2]), population: 800, households: 290, ...overrides };
}
function buildContext(overrides: Partial<GridContext> = {}): GridContext {
  return {
    villageCode: '371702001001',
    villageName: '东安社区',
    townshipName: '东城街道',
    villageGridCount: 5,
    densityPerKm2: 8000,
    ...overrides,
  };
}

describe('grid attributes', () => {
  it('names a grid after its village and serial and codes it village + serial', () => {
    const grid = describeGrid(buildRegion(), buildContext(), 1);
    expect(grid.code).toBe('371702001001003');
    expect(grid.name.startsWith('东安社区第3网格')).toBe(true);
  });

  it('staffs every grid by the 1+N+N model within 1, 1–3 and 2–10', () => {
    for (let serial = 1; serial <= 200; serial++) {
      const grid = describeGrid(buildRegion({ serial, population: serial * 20 }), buildContext(), 7);
      expect(grid.staff.head).toBe(1);
      expect(grid.staff.workers).toBeGreaterThanOrEqual(1);
      expect(grid.staff.workers).toBeLessThanOrEqual(3);
      expect(grid.staff.volunteers).toBeGreaterThanOrEqual(2);
      expect(grid.staff.volunteers).toBeLessThanOrEqual(10);
    }
  });

  it('makes some urban grids dedicated, never the only grid of a village, the same for the same seed', () => {
    const kinds = Array.from(
      { length: 300 },
      (_, i) => describeGrid(buildRegion({ serial: i + 1 }), buildContext(), 3).kind,
    );
    const dedicated = kinds.filter((k) => k === 'dedicated').length;
    expect(dedicated).toBeGreaterThan(5);
    expect(dedicated).toBeLessThan(60);
    const again = Array.from(
      { length: 300 },
      (_, i) => describeGrid(buildRegion({ serial: i + 1 }), buildContext(), 3).kind,
    );
    expect(again).toEqual(kinds);
    const lone = describeGrid(buildRegion({ serial: 1 }), buildContext({ villageGridCount: 1 }), 3);
    expect(lone.kind).toBe('comprehensive');
  });
});
