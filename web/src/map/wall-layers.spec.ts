import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY } from './layer-toggles.js';
import { testCameras, testCases, testRiskPoints } from '../test-support/feeds.js';
import { dayKey, startOfDay } from '../time/zone.js';
import type { AreaFeature } from './layers/choropleth.js';
import {
  caseTimeFilter,
  feedDays,
  wallIndexLayers,
  wallLayerSpecs,
  warmUpFeeds,
  type WallLayerInput,
} from './wall-layers.js';

const JUNE = { from: new Date('2026-06-01T00:00:00+08:00'), to: new Date('2026-07-01T00:00:00+08:00') };
const shanghaiDay = (at: Date) => startOfDay(dayKey(at, 'Asia/Shanghai'), 'Asia/Shanghai');

const input = (over: Partial<WallLayerInput> = {}): WallLayerInput => ({
  feeds: { cases: testCases(), cameras: testCameras(), riskPoints: testRiskPoints() },
  visibility: DEFAULT_VISIBILITY,
  time: { from: JUNE.from, to: JUNE.to, soft: null, window: JUNE },
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

  it('builds and draws every layer of the real feeds on one-row feeds far away, so their pipelines are built early', () => {
    const ids = (feeds: WallLayerInput['feeds']) => wallLayerSpecs(input({ feeds })).map((s) => s.props.id);
    const warm = warmUpFeeds(JUNE.from);
    expect(ids(warm)).toEqual(ids(input().feeds));
    const specs = wallLayerSpecs(input({ feeds: warm, zoom: 14 }));
    for (const id of ['cases-points', 'cameras-points', 'risk-points']) {
      const data = specs.find((s) => s.props.id === id)!.props.data as { length: number };
      // One row: inside the window and the level filter (none would draw nothing, and build nothing).
      expect(data.length, `${id} draws its row`).toBe(1);
    }
    for (const feed of [warm.cases!, warm.cameras!, warm.riskPoints!]) {
      expect([feed.origin[0] + feed.positions[0]!, feed.origin[1] + feed.positions[1]!]).toEqual([0, 0]);
    }
  });

  it('filters cases by the chosen days, as report-day indexes', () => {
    const feed = testCases();
    const lastDay = { from: new Date('2026-06-30T00:00:00+08:00'), to: new Date('2026-07-01T00:00:00+08:00') };
    const time = { ...lastDay, soft: null, window: lastDay };
    const days = feedDays(feed, shanghaiDay);
    const filter = caseTimeFilter(days, time);
    const inside = (d: number) => d >= filter.range[0] && d <= filter.range[1];
    expect(inside(days.days[0]!)).toBe(true); // 2026-06-30 09:30 in Shanghai
    expect(inside(days.days[1]!)).toBe(false); // 2026-06-29 16:00 in Shanghai
    const points = wallLayerSpecs(input({ feeds: { cases: feed, cameras: null, riskPoints: null }, time })).find(
      (s) => s.props.id === 'cases-points',
    )!;
    expect(points.filter).toEqual(filter);
    // The points carry the window's rows only.
    expect((points.props.data as { sourceRows?: Uint32Array }).sourceRows).toEqual(Uint32Array.from([0]));
  });
});

describe('the index and hot-spot layers on the wall', () => {
  const area = (code: string): AreaFeature => ({
    type: 'Feature',
    properties: { code },
    geometry: { type: 'Polygon', coordinates: [] },
  });
  const index = {
    townships: [area('371702005000'), area('371702001000')],
    grids: [area('371702005001001'), area('371702001001001')],
    scores: new Map([
      ['371702005000', { score: 40, band: 'orange' as const }],
      ['371702005001001', { score: 80, band: 'blue' as const }],
    ]),
    version: '1',
  };

  it('sits over the case-rate choropleth and under the points, when switched on', () => {
    const on = { ...DEFAULT_VISIBILITY, index: true, hotspots: true };
    const hotspots = { grids: [area('371702005001001')], bins: new Map([['371702005001001', 3]]), version: '1' };
    const ids = wallLayerSpecs(input({ visibility: on, index, hotspots })).map((s) => s.props.id);
    expect(ids.slice(0, 3)).toEqual(['choropleth-townships', 'index-townships', 'hotspots']);
    expect(ids.indexOf('hotspots')).toBeLessThan(ids.indexOf('cases-points'));
    expect(wallLayerSpecs(input({ index, hotspots })).map((s) => s.props.id)).not.toContain('index-townships');
  });

  it('shows grids with a score instead of their township when zoomed in', () => {
    const [townships, grids] = wallIndexLayers(index, true, 12, 1);
    expect((townships!.props.data as AreaFeature[]).map((f) => f.properties.code)).toEqual(['371702001000']);
    expect((grids!.props.data as AreaFeature[]).map((f) => f.properties.code)).toEqual(['371702005001001']);
    const [zoomedOut, none] = wallIndexLayers(index, true, 9, 1);
    expect((zoomedOut!.props.data as AreaFeature[]).length).toBe(2);
    expect(none!.props.visible).toBe(false);
  });
});

describe('camera view cones on the wall', () => {
  const grid = (box: number[]): AreaFeature => ({
    type: 'Feature',
    properties: { code: '371702005001001' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [box[0]!, box[1]!],
          [box[2]!, box[1]!],
          [box[2]!, box[3]!],
          [box[0]!, box[1]!],
        ],
      ],
    },
  });
  const atZoom = (zoom: number, selectedCamera: [number, number] | null = null) =>
    input({
      zoom,
      selectedCamera,
      choropleth: {
        townships: [],
        grids: [grid([115.3, 35.1, 115.5, 35.3])],
        rates: new Map(),
        breaks: { townships: [], grids: [] },
        version: 1,
      },
    });
  const ids = (zoom: number, selected: [number, number] | null = null) =>
    wallLayerSpecs(atZoom(zoom, selected)).map((s) => s.props.id);

  it('draws the cones under the camera points at zoom 16 and closer, and not before', () => {
    expect(ids(16)).toEqual(expect.arrayContaining(['camera-cones', 'cameras-points']));
    expect(ids(16).indexOf('camera-cones')).toBeLessThan(ids(16).indexOf('cameras-points'));
    expect(ids(15.75)).not.toContain('camera-cones');
  });

  it("highlights the selected camera's cone", () => {
    expect(ids(16, [115.4, 35.2])).toContain('camera-cone-selected');
    expect(ids(16)).not.toContain('camera-cone-selected');
  });

  it('draws no cones where no grids are on the map to bound them', () => {
    expect(wallLayerSpecs(input({ zoom: 16 })).map((s) => s.props.id)).not.toContain('camera-cones');
  });
});
