import { describe, expect, it } from 'vitest';
import { areaRate } from './layers/choropleth.js';
import { testCameras, testCases, testRiskPoints } from '../test-support/feeds.js';
import { tooltipLines, type TooltipContext } from './tooltip.js';

const context: TooltipContext = {
  feeds: { cases: testCases(), cameras: testCameras(), riskPoints: testRiskPoints() },
  rates: new Map([['371702005001001', areaRate(3, 600)]]),
  names: new Map([['371702005000', '牡丹街道']]),
  t: (key, values) => (values ? `${key}${JSON.stringify(values)}` : key),
  timeZone: 'Asia/Shanghai',
  formatNumber: (n, digits) => n.toFixed(digits),
};

describe('tooltipLines', () => {
  it('describes a case by category, severity, stage and report time in Shanghai', () => {
    expect(tooltipLines({ layerId: 'cases-points', index: 0, object: null }, context)).toEqual([
      'category.land · severity.high',
      'status.registered',
      '2026-06-30 09:30',
    ]);
  });

  it('says when a case is overdue', () => {
    expect(tooltipLines({ layerId: 'cases-points', index: 1, object: null }, context)![1]).toBe(
      'status.resolved · detail.overdue',
    );
  });

  it('describes cameras and risk points from their feed rows', () => {
    expect(tooltipLines({ layerId: 'cameras-points', index: 2, object: null }, context)).toEqual([
      'detail.camera · cameraKind.checkpoint',
      'cameraStatus.fault',
    ]);
    expect(tooltipLines({ layerId: 'risk-points', index: 1, object: null }, context)).toEqual([
      'riskCategory.market',
      'riskLevel.4 · detail.level',
    ]);
  });

  it('gives the share of cameras down in a hexagon', () => {
    const lines = tooltipLines(
      { layerId: 'cameras-hexagons', index: 0, object: { count: 12, colorValue: 0.25 } },
      context,
    );
    expect(lines).toEqual(['tooltip.cameras{"count":12,"share":"25%"}']);
  });

  it("gives an area's cases and rate, or a dash without households", () => {
    const grid = { type: 'Feature', properties: { code: '371702005001001', name: '赵楼社区第1网格' }, geometry: {} };
    expect(tooltipLines({ layerId: 'choropleth-grids', index: 0, object: grid }, context)).toEqual([
      'tooltip.grid{"name":"赵楼社区第1网格","count":3,"rate":"5.0"}',
    ]);
    const township = { type: 'Feature', properties: { code: '371702005000' }, geometry: {} };
    expect(tooltipLines({ layerId: 'choropleth-townships', index: 0, object: township }, context)).toEqual([
      'tooltip.grid{"name":"牡丹街道","count":0,"rate":"—"}',
    ]);
  });

  it('says nothing about layers without a description', () => {
    expect(tooltipLines({ layerId: 'labels-county', index: 0, object: {} }, context)).toBeNull();
  });
});
