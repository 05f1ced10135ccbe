/**
 * The alerts panel: what needs a leader's attention now, derived from the snapshot and the live
 * events. Pure; each alert carries an i18n key and its values, most serious first.
 */
import { averageBeforeLast, type DayValue } from '../charts/series.js';
import type { CaseBrief, Summary } from './queries.js';
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
  trend: readonly DayValue[];
  events: readonly TickerItem[];
  now: Date;
}

/** Below this share of cameras online the wall warns. */
export const CAMERA_RATE_THRESHOLD = 0.9;
/** Today counts as a surge at this multiple of the usual day (and at least this many cases). */
export const SURGE_FACTOR = 1.5;
export const SURGE_MIN_CASES = 5;

const ORDER: Record<AlertLevel, number> = { critical: 0, warning: 1, info: 2 };

export function deriveAlerts(inputs: AlertInputs): Alert[] {
  const { summary } = inputs;
  const alerts: Alert[] = [];
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
