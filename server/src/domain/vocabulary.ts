/**
 * The closed vocabularies of the governance map. The database CHECK constraints
 * (server/src/db/migrations) list the same values; a test keeps the two in step.
 */

export const ADMIN_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export const GRID_KINDS = ['comprehensive', 'dedicated'] as const;
export type GridKind = (typeof GRID_KINDS)[number];

export const CAMERA_STATUSES = ['online', 'offline', 'fault'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

/**
 * Physical form of a camera; the GB/T 28181 id carries the device type separately. `unknown` is
 * what an import records when the register does not say (appended: feed codes stay stable).
 */
export const CAMERA_KINDS = ['bullet', 'dome', 'ptz', 'checkpoint', 'unknown'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];

export const RISK_CATEGORIES = [
  'school',
  'hospital',
  'market',
  'construction_site',
  'hazardous_chemicals',
  'gas_station',
  'recurring_dispute',
  'crowded_place',
  'water_hazard',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Warning levels 1..4 = red, orange, yellow, blue. */
export const RISK_LEVELS = [1, 2, 3, 4] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The seven stages of the closed loop, in order (登记受理 … 总结分析). */
export const CASE_STATUSES = [
  'registered',
  'mediating',
  'assessing',
  'dispatched',
  'supervising',
  'resolved',
  'reviewed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_CATEGORIES = [
  'neighbour',
  'family',
  'land',
  'property',
  'labour',
  'demolition',
  'medical',
  'consumer',
  'traffic',
  'environment',
  'public_order',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type CaseSeverity = (typeof CASE_SEVERITIES)[number];

export const CASE_SOURCES = ['hotline', 'walk_in', 'patrol', 'video'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const HANDLED_LEVELS = ['village', 'township', 'county', 'city'] as const;
export type HandledLevel = (typeof HANDLED_LEVELS)[number];

/** What an audited request came to: the same strings as the CHECK constraint on audit_log.outcome (migration 014). */
export const AUDIT_OUTCOMES = [
  'ok',
  'denied_role',
  'denied_jurisdiction',
  'not_found',
  'invalid',
  'conflict',
  'unauthenticated',
  'error',
] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
