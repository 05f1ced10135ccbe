import { describe, expect, it } from 'vitest';
import { CAMERA_STATUS_COLORS, CASE_STATUS_COLORS } from '../../theme/palette.js';
import { reportDays, toPointFeed } from '../feed-data.js';
import { feedBytes, testCameras, testCases, testRiskPoints } from '../../test-support/feeds.js';
import { dayKey, startOfDay } from '../../time/zone.js';
import {
  ALL_RISK_LEVELS_FROM,
  cameraLayers,
  caseLayers,
  heatWeights,
  ORANGE_RISK_FROM,
  riskLevelsAt,
  riskPointLayer,
} from './points.js';
import { sourceRow, type BinaryData } from './spec.js';

const style = { uiScale: 1, zoom: 12 };
const shanghaiDay = (at: Date) => startOfDay(dayKey(at, 'Asia/Shanghai'), 'Asia/Shanghai');
const filter = { range: [0, 100] as [number, number], soft: null };
/** Days that hold every test row. */
const rowDays: [number, number] = [-100_000, 100_000];
const all = { points: true, heatmap: true, hexagons: true };

describe('caseLayers', () => {
  it('feeds points the binary columns as offsets from the feed origin, filtered by report day', () => {
    const feed = testCases();
    const days = reportDays(feed, shanghaiDay);
    const points = caseLayers({ ...style, feed, days, filter, rowDays, show: all })[2]!;
    expect(points.filter).toBe(filter);
    expect(points.props.coordinateSystem).toBe('lnglat-offsets');
    expect(points.props.coordinateOrigin).toEqual([feed.origin[0], feed.origin[1], 0]);
    const data = points.props.data as BinaryData;
    expect(data.length).toBe(2);
    expect(data.attributes.getPosition!.value).toBe(feed.positions);
    expect(data.attributes.getFilterValue!.value).toBe(days.days);
  });

  it("carries only the window's rows, each knowing its row in the feed, and narrows within them on the GPU", () => {
    const feed = testCases();
    const days = reportDays(feed, shanghaiDay);
    const last = Math.max(days.days[0]!, days.days[1]!);
    const later = days.days[0] === last ? 0 : 1;
    expect(days.days[1 - later]).toBeLessThan(last);
    const playback = { range: [last, last] as [number, number], soft: [last, last] as [number, number] };
    const points = caseLayers({ ...style, feed, days, filter: playback, rowDays: [last, last + 30], show: all })[2]!;
    const data = points.props.data as BinaryData;
    expect(data.length).toBe(1);
    expect([...data.sourceRows!]).toEqual([later]);
    expect(sourceRow(data, 0)).toBe(later);
    expect([...data.attributes.getPosition!.value]).toEqual([...feed.positions.slice(2 * later, 2 * later + 2)]);
    expect([...data.attributes.getFilterValue!.value]).toEqual([last]);
    expect(points.filter).toBe(playback);
    // Playback moves the filter, not the rows: the same data, nothing uploaded again.
    const nextDay = { range: [last + 1, last + 1] as [number, number], soft: null };
    const moved = caseLayers({ ...style, feed, days, filter: nextDay, rowDays: [last, last + 30], show: all })[2]!;
    expect(moved.props.data).toBe(data);
    expect(sourceRow({ length: 2, attributes: {} }, 1)).toBe(1);
  });

  it('gives hexagons accessors over the same arrays, with absolute positions', () => {
    const feed = testCases();
    const days = reportDays(feed, shanghaiDay);
    const hexagons = caseLayers({ ...style, feed, days, filter, rowDays, show: all })[1]!;
    expect(hexagons.props.data).toEqual({ length: 2 });
    const position = hexagons.props.getPosition as (o: unknown, i: { index: number }) => number[];
    expect(position(undefined, { index: 1 })[0]).toBeCloseTo(115.43, 6);
    expect(
      (hexagons.props.getFilterValue as (o: unknown, i: { index: number }) => number)(undefined, { index: 0 }),
    ).toBe(days.days[0]);
  });

  it('folds the time filter into heatmap weights, fading the trail of playback', () => {
    const days = Float32Array.from([0, 5, 6, 7, 8, 9]);
    expect([...heatWeights(days, { range: [5, 8], soft: null })]).toEqual([0, 1, 1, 1, 1, 0]);
    expect([...heatWeights(days, { range: [5, 8], soft: [8, 8] })]).toEqual([0, 0.25, 0.5, 0.75, 1, 0]);
  });

  it('colours points by stage and rings overdue cases in red', () => {
    const feed = testCases();
    const points = caseLayers({ ...style, feed, days: reportDays(feed, shanghaiDay), filter, rowDays, show: all })[2]!;
    const { attributes } = points.props.data as BinaryData;
    expect([...attributes.getFillColor!.value.slice(0, 3)]).toEqual([...CASE_STATUS_COLORS.registered!]);
    expect([...attributes.getFillColor!.value.slice(4, 7)]).toEqual([...CASE_STATUS_COLORS.resolved!]);
    expect([...attributes.getLineColor!.value.slice(4, 7)]).toEqual([255, 60, 60]);
  });

  it('reuses the same data on every render, so nothing is uploaded twice', () => {
    const feed = testCases();
    const days = reportDays(feed, shanghaiDay);
    const first = caseLayers({ ...style, feed, days, filter, rowDays, show: all });
    const zoomed = caseLayers({ ...style, zoom: 9, feed, days, filter, rowDays, show: all });
    expect(zoomed.map((s) => s.props.data)).toEqual(first.map((s) => s.props.data));
    zoomed.forEach((s, i) => expect(s.props.data).toBe(first[i]!.props.data));
    const otherDays = caseLayers({ ...style, feed, days, filter: { range: [5, 6], soft: null }, rowDays, show: all });
    expect(otherDays[2]!.props.data).toBe(first[2]!.props.data);
    expect(otherDays[0]!.props.data).not.toBe(first[0]!.props.data);
  });

  it('switches each case layer on its own', () => {
    const feed = testCases();
    const specs = caseLayers({
      ...style,
      feed,
      days: reportDays(feed, shanghaiDay),
      filter,
      rowDays,
      show: { points: false, heatmap: true, hexagons: false },
    });
    expect(specs.map((s) => [s.props.id, s.props.visible])).toEqual([
      ['cases-heatmap', true],
      ['cases-hexagons', false],
      ['cases-points', false],
    ]);
  });

  it('scales pixel sizes with the wall', () => {
    const feed = testCases();
    const atScale = (uiScale: number) =>
      caseLayers({ uiScale, zoom: 12, feed, days: reportDays(feed, shanghaiDay), filter, rowDays, show: all });
    const [at4k, at1080] = [atScale(2), atScale(1)];
    expect(at4k[2]!.props.getRadius).toBe(2 * (at1080[2]!.props.getRadius as number));
    expect(at4k[0]!.props.radiusPixels).toBe(2 * (at1080[0]!.props.radiusPixels as number));
  });
});

describe('cameraLayers', () => {
  it('aggregates cameras in hexagons by the share that is down when zoomed out', () => {
    const feed = testCameras();
    const [hexagons, points] = cameraLayers({ uiScale: 1, zoom: 10, feed, visible: true });
    expect(hexagons!.props.visible).toBe(true);
    expect(points!.props.visible).toBe(false);
    expect(hexagons!.props.colorAggregation).toBe('MEAN');
    // Binary attributes, no per-camera accessor: 1 where a camera is down, absolute positions.
    expect(hexagons!.props.getColorWeight).toBeUndefined();
    expect(hexagons!.props.getPosition).toBeUndefined();
    const { length, attributes } = hexagons!.props.data as BinaryData;
    expect(length).toBe(feed.rows);
    expect([...attributes.getColorWeight!.value.slice(0, 3)]).toEqual([0, 1, 1]);
    expect(attributes.getPosition!.size).toBe(3);
    const at = (i: number) => [...attributes.getPosition!.value.slice(3 * i, 3 * i + 3)];
    for (let i = 0; i < feed.rows; i++)
      expect(at(i)).toEqual([feed.origin[0] + feed.positions[2 * i]!, feed.origin[1] + feed.positions[2 * i + 1]!, 0]);
    // Built once per feed, so deck.gl uploads and aggregates once.
    expect(cameraLayers({ uiScale: 1, zoom: 9, feed, visible: true })[0]!.props.data).toBe(hexagons!.props.data);
  });

  it('shows single cameras coloured by status when close', () => {
    const feed = testCameras();
    const [hexagons, points] = cameraLayers({ uiScale: 1, zoom: 15, feed, visible: true });
    expect(hexagons!.props.visible).toBe(false);
    expect(points!.props.visible).toBe(true);
    const colors = (points!.props.data as BinaryData).attributes.getFillColor!.value;
    expect([...colors.slice(8, 11)]).toEqual([...CAMERA_STATUS_COLORS.fault!]);
  });

  it('hides both when switched off', () => {
    const specs = cameraLayers({ uiScale: 1, zoom: 15, feed: testCameras(), visible: false });
    expect(specs.every((s) => !s.props.visible)).toBe(true);
  });
});

describe('riskPointLayer', () => {
  it('tints one icon by warning level: red for level 1, blue for level 4', () => {
    const spec = riskPointLayer({
      uiScale: 1,
      zoom: ALL_RISK_LEVELS_FROM,
      feed: testRiskPoints(),
      visible: true,
      icon: { atlas: 'data:', mapping: {} },
    });
    const colors = (spec.props.data as BinaryData).attributes.getColor!.value;
    expect([...colors.slice(0, 4)]).toEqual([255, 59, 59, 255]);
    expect([...colors.slice(4, 8)]).toEqual([56, 149, 255, 255]);
    expect((spec.props.getIcon as () => string)()).toBe('marker');
  });

  it('shows red points city-wide, orange ones too from county zoom, every level close up', () => {
    const feed = toPointFeed(
      feedBytes('risk-points', [115.4, 35.2, 115.5, 35.3, 115.6, 35.4, 115.7, 35.5], {
        level: [
          [1, 2, 3, 4],
          [3, 0, 1, 2],
        ],
      }),
    );
    const icon = { atlas: 'data:', mapping: {} };
    const at = (zoom: number) =>
      riskPointLayer({ uiScale: 1, zoom, feed, visible: true, icon }).props.data as BinaryData;
    expect([...at(ORANGE_RISK_FROM - 0.25).sourceRows!]).toEqual([1]);
    expect([...at(ORANGE_RISK_FROM).sourceRows!]).toEqual([1, 2]);
    expect([...at(ORANGE_RISK_FROM).attributes.getColor!.value.slice(0, 4)]).toEqual([255, 59, 59, 255]);
    const close = at(ALL_RISK_LEVELS_FROM);
    expect(close.length).toBe(4);
    expect(close.sourceRows).toBeUndefined();
    // Cut on the CPU, not filtered on the GPU: no shader variant for it, no vertices for hidden rows.
    expect(riskPointLayer({ uiScale: 1, zoom: 11, feed, visible: true, icon }).filter).toBeUndefined();
    expect(at(ORANGE_RISK_FROM + 1)).toBe(at(ORANGE_RISK_FROM));
    expect(riskLevelsAt(8)).toEqual([1, 1]);
  });
});
