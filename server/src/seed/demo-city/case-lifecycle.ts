/**
 * One case's way through the closed loop (登记受理 → … → 总结分析), simulated from its
 * report time: which level handles it, how long each stage takes, and which events have
 * happened by the generator's "now". Stages are never skipped, always in vocabulary order.
 */
import type { CaseEventProps } from '../../domain/dataset-format.js';
import {
  CASE_STATUSES,
  type CaseCategory,
  type CaseSeverity,
  type CaseSource,
  type CaseStatus,
  type HandledLevel,
} from '../../domain/vocabulary.js';
import { shanghaiIso } from './calendar.js';
import type { Rng } from './prng.js';

export interface CaseUnits {
  gridCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  cityCode: string;
}

export interface CaseTimelineInput {
  reportedMs: number;
  category: CaseCategory;
  severity: CaseSeverity;
  source: CaseSource;
  /** Events after this instant have not happened yet. */
  nowMs: number;
  units: CaseUnits;
  rng: Rng;
}

export interface CaseTimeline {
  events: CaseEventProps[];
  status: CaseStatus;
  closedAtMs: number | null;
  handledLevel: HandledLevel;
}

const HOUR_MS = 3_600_000;

/** P(village, township, county, city) by severity: "小事不出村、大事不出乡". */
const LEVEL_ODDS: Readonly<Record<CaseSeverity, readonly number[]>> = {
  low: [0.93, 0.06, 0.01, 0],
  medium: [0.78, 0.17, 0.045, 0.005],
  high: [0.5, 0.33, 0.14, 0.03],
  critical: [0.25, 0.35, 0.28, 0.12],
};
const LEVELS: readonly HandledLevel[] = ['village', 'township', 'county', 'city'];

/** Urgent cases move faster through the early stages. */
const PACE: Readonly<Record<CaseSeverity, number>> = { critical: 0.25, high: 0.5, medium: 0.8, low: 1 };
const LEVEL_SLOWDOWN: Readonly<Record<HandledLevel, number>> = { village: 1, township: 1.3, county: 1.6, city: 2 };
/** Median hours from 跟踪督办 to 案结事了. */
const RESOLVE_HOURS: Readonly<Record<CaseSeverity, number>> = { low: 96, medium: 100, high: 60, critical: 20 };
const SLOW_CATEGORIES: ReadonlySet<CaseCategory> = new Set(['land', 'demolition', 'labour']);

const SOURCE_NOTE: Readonly<Record<CaseSource, string>> = {
  hotline: '12345热线转办',
  walk_in: '群众来访登记',
  patrol: '网格员巡查发现',
  video: '视频巡查发现',
};
const RISK_NOTE: Readonly<Record<CaseSeverity, string>> = {
  low: '风险研判：一般',
  medium: '风险研判：较大',
  high: '风险研判：重大',
  critical: '风险研判：特别重大，启动应急预案',
};
const DISPATCH_NOTE: Readonly<Record<HandledLevel, string>> = {
  village: '村（社区）办理',
  township: '流转至乡镇（街道）办理',
  county: '上报县级分级督办',
  city: '上报市级分级督办',
};

function centre(level: HandledLevel, units: CaseUnits): string {
  switch (level) {
    case 'village':
      return `村（社区）综治中心（${units.villageCode}）`;
    case 'township':
      return `乡镇综治中心（${units.townshipCode}）`;
    case 'county':
      return `县综治中心（${units.countyCode}）`;
    case 'city':
      return `市综治中心（${units.cityCode}）`;
  }
}

function registrar(source: CaseSource, units: CaseUnits): string {
  switch (source) {
    case 'patrol':
      return `网格员（${units.gridCode}）`;
    case 'walk_in':
      return centre('village', units);
    case 'hotline':
    case 'video':
      return centre('county', units);
  }
}

export function simulateCaseTimeline(input: CaseTimelineInput): CaseTimeline {
  const { reportedMs, category, severity, source, nowMs, units, rng } = input;
  const handledLevel = LEVELS[rng.weightedIndex(LEVEL_ODDS[severity])]!;
  const pace = PACE[severity];
  const slow = LEVEL_SLOWDOWN[handledLevel];
  const hours = (median: number, sigma = 0.8) => rng.logNormal(Math.log(median), sigma);
  const stuck = rng.chance(SLOW_CATEGORIES.has(category) ? 0.05 : 0.025) ? rng.range(6, 20) : 1;
  const gapsHours = [
    hours(3 * pace), // registered → mediating
    hours(30 * pace), // mediating → assessing
    hours(10 * pace), // assessing → dispatched
    hours(36 * pace * slow), // dispatched → supervising
    hours(RESOLVE_HOURS[severity] * (SLOW_CATEGORIES.has(category) ? 2 : 1) * slow) * stuck, // → resolved
    hours(168, 0.6), // resolved → reviewed
  ];
  const supervisor = handledLevel === 'village' ? 'township' : handledLevel === 'township' ? 'county' : 'city';
  const actors = [
    registrar(source, units),
    `村（社区）调委会（${units.villageCode}）`,
    centre('township', units),
    centre(handledLevel, units),
    centre(supervisor, units),
    centre(handledLevel, units),
    centre(handledLevel === 'village' ? 'township' : handledLevel, units),
  ];
  const notes: (string | null)[] = [
    SOURCE_NOTE[source],
    rng.chance(0.6) ? '先行调解' : null,
    RISK_NOTE[severity],
    DISPATCH_NOTE[handledLevel],
    stuck > 1 ? '久拖未决，挂牌督办' : rng.chance(0.5) ? '跟踪督办' : null,
    rng.pick(['调解成功，签订调解协议', '依法处理完毕', '当事人达成和解', '问题已整改到位']),
    rng.chance(0.7) ? '回访满意，总结归档' : '总结归档',
  ];
  const events: CaseEventProps[] = [];
  let at = reportedMs;
  let closedAtMs: number | null = null;
  for (let stage = 0; stage < CASE_STATUSES.length; stage++) {
    if (stage > 0) at += Math.max(60_000, Math.round(gapsHours[stage - 1]! * HOUR_MS));
    if (at > nowMs) break;
    const to = CASE_STATUSES[stage]!;
    events.push({
      at: shanghaiIso(at),
      from_status: stage === 0 ? null : CASE_STATUSES[stage - 1]!,
      to_status: to,
      actor: actors[stage]!,
      note: notes[stage]!,
    });
    if (to === 'resolved') closedAtMs = Math.floor(at / 1000) * 1000;
  }
  if (events.length === 0) throw new Error('a case cannot be reported after "now"');
  return { events, status: events[events.length - 1]!.to_status, closedAtMs, handledLevel };
}
