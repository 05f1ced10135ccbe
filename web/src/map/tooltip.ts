/**
 * What a hovered object says, in lines of text: a case's category, stage and time; a camera's
 * status; a risk point's level; an area's case rate; a hexagon's count. Pure.
 */
import { formatDateTime } from '../time/zone.js';
import { rowCode, rowTime, type PointFeed } from './feed-data.js';
import type { AreaFeature, AreaRate } from './layers/choropleth.js';
import type { Feeds } from './wall-layers.js';

export interface Hit {
  layerId: string;
  index: number;
  object: unknown;
}

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface TooltipContext {
  feeds: Feeds;
  rates: ReadonlyMap<string, AreaRate>;
  names: ReadonlyMap<string, string>;
  t: Translate;
  timeZone: string;
  formatNumber: (n: number, digits: number) => string;
}

function caseLines(feed: PointFeed, i: number, c: TooltipContext): string[] {
  const at = rowTime(feed, i);
  const overdue = rowCode(feed, 'overdue', i) === true;
  return [
    `${c.t(`category.${rowCode(feed, 'category', i)}`)} · ${c.t(`severity.${rowCode(feed, 'severity', i)}`)}`,
    `${c.t(`status.${rowCode(feed, 'status', i)}`)}${overdue ? ` · ${c.t('detail.overdue')}` : ''}`,
    ...(at ? [formatDateTime(at, c.timeZone)] : []),
  ];
}

export function tooltipLines(hit: Hit, c: TooltipContext): string[] | null {
  const { feeds } = c;
  switch (hit.layerId) {
    case 'cases-points':
      return feeds.cases ? caseLines(feeds.cases, hit.index, c) : null;
    case 'cameras-points':
      return feeds.cameras
        ? [
            `${c.t('detail.camera')} · ${c.t(`cameraKind.${rowCode(feeds.cameras, 'kind', hit.index)}`)}`,
            c.t(`cameraStatus.${rowCode(feeds.cameras, 'status', hit.index)}`),
          ]
        : null;
    case 'risk-points':
      return feeds.riskPoints
        ? [
            c.t(`riskCategory.${rowCode(feeds.riskPoints, 'category', hit.index)}`),
            `${c.t(`riskLevel.${rowCode(feeds.riskPoints, 'level', hit.index)}`)} · ${c.t('detail.level')}`,
          ]
        : null;
    case 'cases-hexagons': {
      const o = hit.object as { count?: number; colorValue?: number } | null;
      return o ? [c.t('tooltip.cases', { count: o.colorValue ?? o.count ?? 0 })] : null;
    }
    case 'cameras-hexagons': {
      const o = hit.object as { count?: number; colorValue?: number } | null;
      if (!o) return null;
      return [
        c.t('tooltip.cameras', { count: o.count ?? 0, share: `${c.formatNumber((o.colorValue ?? 0) * 100, 0)}%` }),
      ];
    }
    case 'choropleth-townships':
    case 'choropleth-grids': {
      const f = hit.object as AreaFeature | null;
      if (!f) return null;
      const code = f.properties.code;
      const rate = c.rates.get(code);
      const name = f.properties.name ?? c.names.get(code) ?? code;
      return [
        c.t('tooltip.grid', {
          name,
          count: rate?.count ?? 0,
          rate: rate?.rate === null || rate?.rate === undefined ? '—' : c.formatNumber(rate.rate, 1),
        }),
      ];
    }
    default:
      return null;
  }
}
