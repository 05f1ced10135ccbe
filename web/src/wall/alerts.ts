/**
 * The alerts panel: what needs a leader's attention now, derived from the snapshot and the live
 * events. Pure; each alert carries an i18n key and its values, most serious first.
 */
import { averageBeforeLast, type DayValue } from '../charts/series.js';
import type { CaseBrief, CityLink, Summary, SupervisionBrief } from './queries.js';
import type { TickerItem } from './ticker.js';

export type AlertLevel = 'critical' | 'warning' | 'info';

export interface Alert {
  id: string;
  level: AlertLevel;
  key: string;
  values: Record<string, string | number>;
}

export interface AlertInputs {
  summary: Summary;
  overdueCases: readonly CaseBrief[];
  /** Open supervision orders, nearest deadline first. */
  supervision: readonly SupervisionBrief[];
  /** At a province: the joined cities, whose data may be stale. */
  cities: readonly CityLink[];
  trend: readonly DayValue[];
  events: readonly TickerItem[];
  now: Date;
}

/** Open supervision orders shown at most, and the characters of a demand that fit a row. */
export const MAX_SUPERVISION_ALERTS = 3;
export const DEMAND_CHARACTERS = 40;

/** Below this share of cameras online the wall warns. */
export const CAMERA_RATE_THRESHOLD = 0.9;
/** Today counts as a surge at this multiple of the usual day (and at least this many cases). */
export const SURGE_FACTOR = 1.5;
export const SURGE_MIN_CASES = 5;

const ORDER: Record<AlertLevel, number> = { critical: 0, warning: 1, info: 2 };

export function deriveAlerts(inputs: AlertInputs): Alert[] {
  const { summary } = inputs;
  const alerts: Alert[] = [];
  // A leader's order comes first in its level: it is what the center was told to do.
  for (const order of inputs.supervision.slice(0, MAX_SUPERVISION_ALERTS)) {
    alerts.push({
      id: `supervision-${order.code}`,
      level: order.overdue ? 'critical' : 'warning',
      key: order.overdue ? 'alerts.supervisionOverdue' : 'alerts.supervision',
      values: { code: order.code, demand: shorten(order.demand, DEMAND_CHARACTERS), deadline: order.deadline },
    });
  }
  // A stale city's numbers are old: the leaders must know before they read them.
  for (const city of inputs.cities) {
    if (!city.stale) continue;
    alerts.push(
      city.staleSince
        ? {
            id: `stale-${city.code}`,
            level: 'warning',
            key: 'alerts.cityStale',
            values: { name: city.name, since: city.staleSince },
          }
        : { id: `stale-${city.code}`, level: 'warning', key: 'alerts.cityNeverHeard', values: { name: city.name } },
    );
  }
  for (const event of inputs.events) {
    if (event.severity === 'critical' && event.fromStatus === null) {
      alerts.push({
        id: `critical-${event.code}`,
        level: 'critical',
        key: 'alerts.critical',
        values: { code: event.code, category: event.category },
      });
    }
  }
  if (summary.overdue > 0) {
    alerts.push({ id: 'overdue', level: 'critical', key: 'alerts.overdue', values: { count: summary.overdue } });
  }
  for (const c of inputs.overdueCases.slice(0, 3)) {
    const days = c.deadline ? Math.max(1, Math.floor((inputs.now.getTime() - Date.parse(c.deadline)) / 86_400_000)) : 1;
    alerts.push({
      id: `overdue-${c.code}`,
      level: 'warning',
      key: 'alerts.overdueCase',
      values: { code: c.code, category: c.category, days },
    });
  }
  const rate = summary.cameras.onlineRate;
  if (rate !== null && rate < CAMERA_RATE_THRESHOLD) {
    alerts.push({
      id: 'camera-rate',
      level: 'warning',
      key: 'alerts.cameraRate',
      values: { rate, threshold: CAMERA_RATE_THRESHOLD },
    });
  }
  const red = summary.riskPointsByLevel.find((r) => r.level === 1)?.count ?? 0;
  if (red > 0) alerts.push({ id: 'red-risk', level: 'info', key: 'alerts.redRisk', values: { count: red } });
  const usual = averageBeforeLast(inputs.trend);
  const today = summary.today.newCases;
  if (today >= SURGE_MIN_CASES && today > usual * SURGE_FACTOR) {
    alerts.push({
      id: 'surge',
      level: 'warning',
      key: 'alerts.surge',
      values: { today, average: Math.round(usual * 10) / 10 },
    });
  }
  return alerts.sort((a, b) => ORDER[a.level] - ORDER[b.level]);
}

/** At most `max` characters (as a person counts them), an ellipsis marking the cut. */
function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
