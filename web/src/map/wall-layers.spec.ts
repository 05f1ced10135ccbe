import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY } from '../wall/layer-toggles.js';
import { testCameras, testCases, testRiskPoints } from './test-feeds.js';
import { dayKey, startOfDay } from '../time/zone.js';
import { caseTimeFilter, feedDays, wallLayerSpecs, type WallLayerInput } from './wall-layers.js';

const shanghaiDay = (at: Date) => startOfDay(dayKey(at, 'Asia/Shanghai'), 'Asia/Shanghai');

const input = (over: Partial<WallLayerInput> = {}): WallLayerInput => ({
  feeds: { cases: testCases(), cameras: testCameras(), riskPoints: testRiskPoints() },
  visibility: DEFAULT_VISIBILITY,
  time: { from: new Date('2026-06-01T00:00:00+08:00'), to: new Date('2026-07-01T00:00:00+08:00'), soft: null },
  choropleth: { townships: [], grids: [], rates: new Map(), breaks: { townships: [], grids: [] }, version: 1 },
  labels: {
    places: [{ code: '371702000000', name: '牡丹区', level: 'county', label: [115.4, 35.2] }],
    prefix: '3717',
    ready: true,
  },
  icon: { atlas: 'data:', mapping: {} },
  zoom: 9,
  uiScale: 1,
  dayStart: shanghaiDay,
  ...over,
});

describe('wallLayerSpecs', () => {
  it('stacks areas under density under points under icons under labels', () => {
    const all = Object.fromEntries(Object.keys(DEFAULT_VISIBILITY).map((k) => [k, true])) as typeof DEFAULT_VISIBILITY;
    expect(wallLayerSpecs(input({ visibility: all })).map((s) => s.props.id)).toEqual([
      'choropleth-townships',
      'cases-heatmap',
      'cases-hexagons',
      'cameras-hexagons',
      'cases-points',
      'risk-points',
      'labels-county',
    ]);
  });

  it('leaves switched-off layers out altogether', () => {
    const ids = wallLayerSpecs(input()).map((s) => s.props.id);
    expect(ids).not.toContain('cases-heatmap');
    expect(ids).not.toContain('cases-hexagons');
    const none = wallLayerSpecs(
      input({
        visibility: Object.fromEntries(
          Object.keys(DEFAULT_VISIBILITY).map((k) => [k, false]),
        ) as typeof DEFAULT_VISIBILITY,
      }),
    );
    expect(none).toEqual([]);
  });

  it('waits for the feeds, the icon and the label font', () => {
    const ids = wallLayerSpecs(
      input({
        feeds: { cases: null, cameras: null, riskPoints: null },
        labels: { places: [], prefix: '', ready: false },
      }),
    ).map((s) => s.props.id);
    expect(ids).toEqual(['choropleth-townships']);
  });

  it('filters cases by the chosen days, as report-day indexes', () => {
    const feed = testCases();
    const time = { from: new Date('2026-06-30T00:00:00+08:00'), to: new Date('2026-07-01T00:00:00+08:00'), soft: null };
    const days = feedDays(feed, shanghaiDay);
    const filter = caseTimeFilter(days, time);
    const inside = (d: number) => d >= filter.range[0] && d <= filter.range[1];
    expect(inside(days.days[0]!)).toBe(true); // 2026-06-30 09:30 in Shanghai
    expect(inside(days.days[1]!)).toBe(false); // 2026-06-29 16:00 in Shanghai
    const points = wallLayerSpecs(input({ feeds: { cases: feed, cameras: null, riskPoints: null }, time })).find(
      (s) => s.props.id === 'cases-points',
    )!;
    expect(points.filter).toEqual(filter);
  });
});
