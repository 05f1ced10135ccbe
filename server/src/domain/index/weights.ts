/**
 * The versioned weights configuration of the stability index. A published snapshot records the
 * version it was computed with, so a change here is a new version (never an edit of an old one):
 * add WEIGHTS_2027_1 and point CURRENT_WEIGHTS at it. A test checks every version sums to 1.
 *
 * Goalposts are fixed raw values mapped to 0 and 1 (OECD/JRC "distance to a reference"), not the
 * minimum and maximum of each period, so that a score can be compared across periods: with
 * min–max the best unit scores 100 every period whatever happened. Rates are per 10,000
 * residents per 30 days, so that days, weeks and months share one scale.
 */

export type IndicatorKey =
  | 'case_rate'
  | 'severity_rate'
  | 'overdue_share'
  | 'on_time_closure'
  | 'repeat_location_share'
  | 'village_settled_share'
  | 'township_settled_share'
  | 'risk_point_rate'
  | 'camera_online_rate'
  | 'risk_camera_coverage'
  | 'year_on_year_change';

export interface IndicatorSpec {
  key: IndicatorKey;
  label: string;
  labelEn: string;
  unit: string;
  /** positive: higher raw value is more stable; negative: less stable. */
  direction: 'positive' | 'negative';
  weight: number;
  /** Raw values at which the normalised value reaches its ends (clamped outside). */
  goalposts: { worst: number; best: number };
}

export interface BandThresholds {
  /** Scores below red are red; below orange orange; below yellow yellow; the rest blue. */
  red: number;
  orange: number;
  yellow: number;
}

export interface WeightsConfig {
  version: string;
  indicators: readonly IndicatorSpec[];
  bands: BandThresholds;
}

const PER_10K_30D = 'per 10,000 residents per 30 days';

export const WEIGHTS_2026_1: WeightsConfig = {
  version: '2026.1',
  bands: { red: 40, orange: 60, yellow: 75 },
  indicators: [
    {
      key: 'case_rate',
      label: '矛盾纠纷发生率',
      labelEn: 'Case rate',
      unit: PER_10K_30D,
      direction: 'negative',
      weight: 0.2,
      goalposts: { worst: 30, best: 0 },
    },
    {
      key: 'severity_rate',
      label: '严重程度加权发生率',
      labelEn: 'Severity-weighted case rate',
      unit: `severity points (low 1, medium 2, high 4, critical 8) ${PER_10K_30D}`,
      direction: 'negative',
      weight: 0.15,
      goalposts: { worst: 60, best: 0 },
    },
    {
      key: 'overdue_share',
      label: '超期未办结率',
      labelEn: 'Overdue share',
      unit: 'share of cases due in the period not closed by their deadline',
      direction: 'negative',
      weight: 0.1,
      goalposts: { worst: 0.5, best: 0 },
    },
    {
      key: 'on_time_closure',
      label: '按期办结率',
      labelEn: 'On-time closure rate',
      unit: 'share of cases closed in the period that closed by their deadline',
      direction: 'positive',
      weight: 0.1,
      goalposts: { worst: 0.5, best: 1 },
    },
    {
      key: 'repeat_location_share',
      label: '重复发生点位占比',
      labelEn: 'Repeat-location share',
      unit: 'share of cases with another case within 50 m in the period',
      direction: 'negative',
      weight: 0.05,
      goalposts: { worst: 0.5, best: 0 },
    },
    {
      key: 'village_settled_share',
      label: '小事不出村率',
      labelEn: 'Settled in the village',
      unit: 'share of cases closed in the period settled at village level',
      direction: 'positive',
      weight: 0.07,
      goalposts: { worst: 0.3, best: 0.9 },
    },
    {
      key: 'township_settled_share',
      label: '大事不出乡率',
      labelEn: 'Settled within the township',
      unit: 'share of cases closed in the period settled at village or township level',
      direction: 'positive',
      weight: 0.08,
      goalposts: { worst: 0.7, best: 1 },
    },
    {
      key: 'risk_point_rate',
      label: '风险点位密度',
      labelEn: 'Risk points',
      unit: 'level-weighted risk points (red 4, orange 3, yellow 2, blue 1) per 10,000 residents',
      direction: 'negative',
      weight: 0.08,
      goalposts: { worst: 40, best: 0 },
    },
    {
      key: 'camera_online_rate',
      label: '视频监控在线率',
      labelEn: 'Camera online rate',
      unit: 'share of cameras online',
      direction: 'positive',
      weight: 0.05,
      goalposts: { worst: 0.8, best: 1 },
    },
    {
      key: 'risk_camera_coverage',
      label: '风险点位视频覆盖率',
      labelEn: 'Risk points watched',
      unit: 'share of risk points within 100 m of an online camera',
      direction: 'positive',
      weight: 0.05,
      goalposts: { worst: 0.3, best: 1 },
    },
    {
      key: 'year_on_year_change',
      label: '同比变化',
      labelEn: 'Change on a year before',
      unit: 'relative change of the case count against the same period a year before',
      direction: 'negative',
      weight: 0.07,
      goalposts: { worst: 0.5, best: -0.5 },
    },
  ],
};

/** Every version ever published with; snapshots name one of these. */
export const WEIGHTS_VERSIONS: readonly WeightsConfig[] = [WEIGHTS_2026_1];

export const CURRENT_WEIGHTS: WeightsConfig = WEIGHTS_2026_1;

export function weightsByVersion(version: string): WeightsConfig | null {
  return WEIGHTS_VERSIONS.find((w) => w.version === version) ?? null;
}
