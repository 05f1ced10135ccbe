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

/**
 * The kinds of department a center hosts (migration 025): 法院 court, 检察院 procuratorate, 公安
 * police, 司法行政 justice, 信访 petitions, 人社 human resources and social security, 住建 housing,
 * 市场监管 market regulation, 民政 civil affairs, 卫健 health, 教育 education, 应急 emergency
 * management, 自然资源 natural resources, 妇联 women's federation, and any other.
 */
export const DEPARTMENT_KINDS = [
  'court',
  'procuratorate',
  'police',
  'justice',
  'petitions',
  'hrss',
  'housing',
  'market_regulation',
  'civil_affairs',
  'health',
  'education',
  'emergency',
  'natural_resources',
  'women_federation',
  'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** How a department is present in the center: 常驻 resident, 轮驻 rotating, 随驻 on call. */
export const DEPARTMENT_STATIONINGS = ['resident', 'rotating', 'on_call'] as const;
export type DepartmentStationing = (typeof DEPARTMENT_STATIONINGS)[number];

/** A department's part in a case: the lead answers for it, assists help, the summoned report (吹哨报到). */
export const ASSIGNMENT_ROLES = ['lead', 'assist', 'summoned'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** Where a department's part stands (migration 026; the moves are domain/dispatch). */
export const ASSIGNMENT_STATES = ['offered', 'accepted', 'returned', 'joint_requested', 'reported'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Why a department hands a case back. */
export const RETURN_REASONS = ['not_ours', 'outside_remit', 'insufficient_information', 'duplicate'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** What a case event records: a lifecycle move ('status') or a dispatch move. */
export const CASE_EVENT_KINDS = [
  'status',
  'dispatch',
  'add_assist',
  'reroute',
  'summon',
  'accept',
  'return',
  'request_joint',
  'report',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
