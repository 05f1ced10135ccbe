/**
 * The audit log's operations in words: every mutation of the API (its field name), the sign-in
 * steps (`login.step` …), a case action (`advanceCase:close`), an import (`import cameras`) and
 * the server's own records (video views, audit pruning and export). Keys are the operation
 * names with `.`, `:` and spaces written `_`; auditOperationKey makes them.
 * server/src/graphql/audit-operations.spec.ts checks that every operation has words in both.
 */
export const auditOperationsZh = {
  login: '登录',
  login_step: '登录后续步骤',
  login_second_factor: '登录第二步验证',
  login_change_password: '登录时修改密码',
  login_enrol_second_factor: '登录时绑定第二步验证',
  continueSignIn: '登录后续步骤',
  renewToken: '续期登录',
  changePassword: '修改密码',
  logout: '退出登录',
  createAccount: '新建账号',
  updateAccount: '修改账号',
  disableAccount: '停用账号',
  enableAccount: '启用账号',
  resetPassword: '重置密码',
  grantRole: '授予角色',
  unlockAccount: '解锁账号',
  resetSecondFactor: '重置第二步验证',
  endSessions: '结束会话',
  updateSecurityPolicy: '修改安全策略',
  reportCase: '上报案件',
  advanceCase: '办理案件',
  advanceCase_advance: '案件转入下一环节',
  advanceCase_return_to_mediation: '案件退回调解',
  advanceCase_escalate: '案件提级办理',
  advanceCase_close: '案件办结',
  updateDepartment: '修改部门信息',
  dispatchCase: '案件分流交办',
  addAssistDepartment: '增加协办部门',
  rerouteCase: '案件重新交办',
  summonDepartments: '吹哨召集部门报到',
  acceptAssignment: '部门签收案件',
  returnAssignment: '部门退回案件',
  requestJointHandling: '部门申请联合调处',
  reportToSummons: '部门吹哨报到',
  commitGridChange: '提交网格调整',
  revertGridChange: '撤销网格调整',
  updateCameraStatus: '更新摄像机状态',
  createRiskPoint: '新增风险点位',
  updateRiskPoint: '修改风险点位',
  deleteRiskPoint: '删除风险点位',
  recordInspection: '记录风险点位巡查',
  recordInspection_note: '巡查记录备注',
  rollbackImport: '撤销导入',
  publishIndex: '发布平安稳定指数',
  import_cameras: '导入摄像机',
  import_risk_points: '导入风险点位',
  import_cases: '导入案件',
  import_grids: '导入网格',
  watchCamera: '开始查看视频',
  stopWatchingCamera: '结束查看视频',
  pruneAudit: '清理过期审计记录',
  exportAudit: '导出审计记录',
};

export const auditOperationsEn: Record<keyof typeof auditOperationsZh, string> = {
  login: 'Sign-in',
  login_step: 'Sign-in, next step',
  login_second_factor: 'Sign-in, second step',
  login_change_password: 'Password change at sign-in',
  login_enrol_second_factor: 'Second-step enrolment at sign-in',
  continueSignIn: 'Sign-in, next step',
  renewToken: 'Sign-in renewed',
  changePassword: 'Password changed',
  logout: 'Sign-out',
  createAccount: 'Account created',
  updateAccount: 'Account changed',
  disableAccount: 'Account disabled',
  enableAccount: 'Account enabled',
  resetPassword: 'Password reset',
  grantRole: 'Role granted',
  unlockAccount: 'Account unlocked',
  resetSecondFactor: 'Second step reset',
  endSessions: 'Sessions ended',
  updateSecurityPolicy: 'Security policy changed',
  reportCase: 'Case reported',
  advanceCase: 'Case handled',
  advanceCase_advance: 'Case moved to its next stage',
  advanceCase_return_to_mediation: 'Case returned to mediation',
  advanceCase_escalate: 'Case escalated',
  advanceCase_close: 'Case closed',
  updateDepartment: 'Department changed',
  dispatchCase: 'Case dispatched to departments',
  addAssistDepartment: 'Assisting department added',
  rerouteCase: 'Case re-routed',
  summonDepartments: 'Departments summoned',
  acceptAssignment: 'Case accepted by department',
  returnAssignment: 'Case returned by department',
  requestJointHandling: 'Joint handling requested',
  reportToSummons: 'Department reported to summons',
  commitGridChange: 'Grid change committed',
  revertGridChange: 'Grid change reverted',
  updateCameraStatus: 'Camera status updated',
  createRiskPoint: 'Risk point created',
  updateRiskPoint: 'Risk point changed',
  deleteRiskPoint: 'Risk point deleted',
  recordInspection: 'Risk point inspection recorded',
  recordInspection_note: 'Inspection note',
  rollbackImport: 'Import rolled back',
  publishIndex: 'Stability index published',
  import_cameras: 'Cameras imported',
  import_risk_points: 'Risk points imported',
  import_cases: 'Cases imported',
  import_grids: 'Grids imported',
  watchCamera: 'Video view started',
  stopWatchingCamera: 'Video view ended',
  pruneAudit: 'Expired audit records pruned',
  exportAudit: 'Audit records exported',
};

/** The catalog key of an audit operation name. */
export const auditOperationKey = (operation: string): string => operation.replace(/[.: ]/g, '_');

/** Whether the catalog has words for an operation. */
export const hasAuditOperation = (operation: string): boolean =>
  Object.prototype.hasOwnProperty.call(auditOperationsZh, auditOperationKey(operation));

/** An operation in the reader's words, or as recorded (an identifier) where the catalog has none. */
export function auditOperationText(operation: string, t: (key: string) => string): { text: string; known: boolean } {
  return hasAuditOperation(operation)
    ? { text: t(`auditOperations.${auditOperationKey(operation)}`), known: true }
    : { text: operation, known: false };
}
