import { describe, expect, it } from 'vitest';
import { labelCharacters, labelLayers, labelLevelsNear, type LabelPlace } from './labels.js';

const places: LabelPlace[] = [
  { code: '371702000000', name: '牡丹区', level: 'county', label: [115.4, 35.2] },
  { code: '371721000000', name: '曹县', level: 'county', label: [115.5, 34.8] },
  { code: '371702005000', name: '牡丹街道', level: 'township', label: [115.42, 35.25] },
  { code: '371702005001', name: '赵楼社区', level: 'village', label: [115.42, 35.25] },
];

const visibleLevels = (zoom: number) =>
  labelLayers({ places, prefix: '3717', visible: true, zoom, uiScale: 1 })
    .filter((s) => s.props.visible)
    .map((s) => s.props.id);

describe('labelLayers', () => {
  it('names counties when far, townships closer and villages closest', () => {
    expect(visibleLevels(8.5)).toEqual(['labels-county']);
    expect(visibleLevels(10)).toEqual(['labels-county', 'labels-township']);
    expect(visibleLevels(12)).toEqual(['labels-township']);
    expect(visibleLevels(14)).toEqual(['labels-village']);
  });

  it('labels only the units inside the focus', () => {
    const [county] = labelLayers({ places, prefix: '371702', visible: true, zoom: 9, uiScale: 1 });
    expect((county!.props.data as LabelPlace[]).map((p) => p.name)).toEqual(['牡丹区']);
  });

  it('draws text in the bundled CJK font and hides with the boundaries', () => {
    const specs = labelLayers({ places, prefix: '3717', visible: false, zoom: 9, uiScale: 2 });
    expect(specs.every((s) => !s.props.visible)).toBe(true);
    expect(specs[0]!.props.fontFamily).toContain('Noto Sans SC');
    expect(specs[0]!.props.getSize).toBe(44);
  });

  it('lists each character once, for loading the font', () => {
    expect(labelCharacters(places.slice(0, 3))).toBe('牡丹区曹县街道');
  });

  it('loads the font for the levels shown now or one zoom step closer, villages only close up', () => {
    expect(labelLevelsNear(8)).toEqual(['county']);
    expect(labelLevelsNear(9)).toEqual(['county', 'township']);
    expect(labelLevelsNear(11.5)).toEqual(['township', 'village']);
    expect(labelLevelsNear(14)).toEqual(['village']);
  });

  describe('with names that would overlap', () => {
    // Two townships 0.005° apart (about 7 px at zoom 10.5, far less than a name's width).
    const crowded: LabelPlace[] = [
      {
        code: '371702001000',
        name: '小镇',
        level: 'township',
        label: [115.4, 35.2],
        bbox: [115.39, 35.19, 115.41, 35.21],
      },
      {
        code: '371702002000',
        name: '大镇',
        level: 'township',
        label: [115.405, 35.2],
        bbox: [115.3, 35.1, 115.5, 35.3],
      },
      { code: '371702000000', name: '牡丹区', level: 'county', label: [115.402, 35.2] },
    ];
    const data = (zoom: number, level: string) =>
      (
        labelLayers({ places: crowded, prefix: '3717', visible: true, zoom, uiScale: 1 }).find(
          (s) => s.props.id === `labels-${level}`,
        )!.props.data as LabelPlace[]
      ).map((p) => p.name);

    it("draws a county's name before a township's, and the larger township's before the smaller's", () => {
      expect(data(10, 'county')).toEqual(['牡丹区']);
      expect(data(10, 'township')).toEqual([]);
      expect(data(11, 'township')).toEqual(['大镇']);
      // Close enough, both fit.
      expect(data(13, 'township')).toEqual(['大镇', '小镇']);
    });

    it('keeps every name of a level in the font atlas, drawn or not, and hands the same data again', () => {
      const input = { places: crowded, prefix: '3717', visible: true, zoom: 11, uiScale: 1 };
      const [, township] = labelLayers(input);
      expect(township!.props.characterSet).toBe('小镇大');
      expect(labelLayers(input)[1]!.props.data).toBe(township!.props.data);
    });
  });
});
