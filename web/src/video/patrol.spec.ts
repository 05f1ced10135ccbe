import { describe, expect, it } from 'vitest';
import { patrolQueue, patrolSpots, patrolTileCount, patrolTiles, type PatrolCamera } from './patrol.js';

const at = (lon: number, lat: number) => ({ coordinates: [lon, lat] });

describe('the video patrol', () => {
  it('takes spots in turns: the newest alert, the most overdue case, the hottest spot, each grid once', () => {
    const spots = patrolSpots({
      warnings: [
        { gridCode: 'g1', raisedAt: '2026-06-29T08:00:00Z' },
        { gridCode: 'g2', raisedAt: '2026-06-30T08:00:00Z' },
      ],
      overdue: [
        { gridCode: 'g2', location: at(115, 35) },
        { gridCode: 'g3', location: at(116, 36) },
      ],
      hotspots: [
        { gridCode: 'g4', bin: 1, zScore: 1.7 },
        { gridCode: 'g5', bin: 3, zScore: 3.1 },
        { gridCode: 'g6', bin: -3, zScore: -3 },
      ],
    });
    expect(spots.map((s) => [s.why, s.gridCode])).toEqual([
      ['alert', 'g2'],
      ['hotspot', 'g5'],
      ['alert', 'g1'],
      ['overdue', 'g3'],
      ['hotspot', 'g4'],
    ]);
    expect(spots.find((s) => s.gridCode === 'g3')!.near).toEqual({ lon: 116, lat: 36 });
  });

  const camera = (id: string): PatrolCamera => ({ id, name: id, gridCode: 'g', why: 'alert' });
  const queue = patrolQueue([
    [camera('a'), camera('b')],
    [camera('b'), camera('c')],
    [camera('d'), camera('e')],
  ]);

  it('keeps each camera once, in the order of its first spot', () => {
    expect(queue.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('shows four at a time, going round, and skips dead streams', () => {
    const ids = (turn: number, dead: string[] = []) => patrolTiles(queue, new Set(dead), turn, 4).map((c) => c.id);
    expect(ids(0)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(1)).toEqual(['e', 'a', 'b', 'c']);
    expect(ids(0, ['b'])).toEqual(['a', 'c', 'd', 'e']);
    expect(ids(3, ['a', 'b'])).toEqual(['c', 'd', 'e']);
  });
});

describe('how many patrol tiles a screen shows', () => {
  it('shows four tiles on a 1080p wall and nine on a 4K wall', () => {
    expect(patrolTileCount(1920, 1080, 1)).toBe(4);
    expect(patrolTileCount(3840, 2160, 1)).toBe(9);
  });

  it('counts device pixels: a 4K screen scaled to 200 % still shows nine', () => {
    expect(patrolTileCount(1920, 1080, 2)).toBe(9);
    expect(patrolTileCount(1920, 1080, 1.25)).toBe(4);
  });

  it('shows four below 4K, on a 1440p screen and on a 4K screen cut in half by a window', () => {
    expect(patrolTileCount(2560, 1440, 1)).toBe(4);
    expect(patrolTileCount(3840, 1080, 1)).toBe(4);
    expect(patrolTileCount(1920, 2160, 1)).toBe(4);
  });

  it('shows nine on a 4K wall whose browser keeps a title bar', () => {
    expect(patrolTileCount(3840, 2050, 1)).toBe(9);
  });

  it('takes a missing pixel ratio as 1', () => {
    expect(patrolTileCount(3840, 2160, Number.NaN)).toBe(9);
    expect(patrolTileCount(1920, 1080, 0)).toBe(4);
  });
});
