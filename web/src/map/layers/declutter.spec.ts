import { describe, expect, it } from 'vitest';
import { declutter, worldPixel } from './declutter.js';

const at = (name: string, lon: number, lat: number) => ({ name, label: [lon, lat] as [number, number] });

describe('worldPixel', () => {
  it('puts longitude 0, latitude 0 in the middle of the world, 512 pixels wide at zoom 0', () => {
    expect(worldPixel([0, 0], 0)).toEqual([256, 256]);
    expect(worldPixel([180, 0], 1)).toEqual([1024, 512]);
    const [, north] = worldPixel([0, 85.0511], 0);
    expect(north).toBeCloseTo(0, 2);
  });
});

describe('declutter', () => {
  // At zoom 10 one degree of longitude is 512 · 1024 / 360 ≈ 1,456 px.
  const px = 360 / (512 * 2 ** 10);

  it('keeps the first of two labels that would overlap, and both when apart', () => {
    const a = at('牡丹区', 115.4, 35.2);
    // Three 20 px glyphs: 60 px wide, 10 px of padding on each side. 50 px to the right overlaps.
    const near = at('高新区', 115.4 + 50 * px, 35.2);
    const far = at('曹县', 115.4 + 150 * px, 35.2);
    expect(declutter([a, near, far], 10, () => 20)).toEqual([a, far]);
    expect(declutter([near, a, far], 10, () => 20)).toEqual([near, far]);
  });

  it('shows both once the map is close enough to part them', () => {
    const a = at('牡丹区', 115.4, 35.2);
    const b = at('高新区', 115.4 + 50 * px, 35.2);
    expect(declutter([a, b], 10, () => 20)).toHaveLength(1);
    expect(declutter([a, b], 11, () => 20)).toHaveLength(2);
  });

  it('measures a label by its characters and its size on screen', () => {
    const a = at('牡丹区', 115.4, 35.2);
    const b = at('曹县', 115.4, 35.2 - 40 * px);
    // 20 px text with padding is 30 px tall: 40 px apart is clear, at twice the size it is not.
    expect(declutter([a, b], 10, () => 20)).toHaveLength(2);
    expect(declutter([a, b], 10, () => 40)).toHaveLength(1);
    const long = at('菏泽高新技术产业开发区', 115.4 + 120 * px, 35.2);
    expect(declutter([a, long], 10, () => 20)).toHaveLength(1);
    expect(declutter([a, at('区', 115.4 + 120 * px, 35.2)], 10, () => 20)).toHaveLength(2);
  });

  it('checks labels in neighbouring grid cells too', () => {
    // 512 · 2^10 px world: a label straddling a 256 px cell border still meets its neighbour.
    const border = (256 * 3000 * 360) / (512 * 2 ** 10) - 180;
    const a = at('甲乙', border - 5 * px, 35);
    const b = at('丙丁', border + 5 * px, 35);
    expect(declutter([a, b], 10, () => 20)).toEqual([a]);
  });
});
