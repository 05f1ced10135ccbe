-- Dispatch (分类流转) and summons (吹哨报到): which department answers for which case, and how
-- it answered (docs/departments.md). The value lists mirror server/src/domain/vocabulary.ts;
-- the moves are the pure state machine of server/src/domain/dispatch.

CREATE TABLE case_assignments (
  id bigserial PRIMARY KEY,
  case_code text NOT NULL REFERENCES cases (code) ON DELETE CASCADE,
  department_code text NOT NULL REFERENCES departments (code) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('lead', 'assist', 'summoned')),
  state text NOT NULL CHECK (state IN ('offered', 'accepted', 'returned', 'joint_requested', 'reported')),
  -- The rule table that set the deadlines (dispatch-v1 …).
  rules_version text NOT NULL,
  -- By when the department must accept or return it (a summons: report).
  answer_by timestamptz NOT NULL,
  -- By when the department must have done its part (a summons: reported).
  deadline_at timestamptz NOT NULL,
  -- Why it was returned (not_ours …), or null.
  reason text CHECK (reason IN ('not_ours', 'outside_remit', 'insufficient_information', 'duplicate')),
  note text CHECK (length(note) <= 2000),
  offered_by text NOT NULL CHECK (btrim(offered_by) <> ''),
  offered_at timestamptz NOT NULL,
  answered_by text,
  answered_at timestamptz,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT case_assignments_deadlines CHECK (answer_by > offered_at AND deadline_at >= answer_by),
  CONSTRAINT case_assignments_return_reason CHECK ((state = 'returned') = (reason IS NOT NULL)),
  CONSTRAINT case_assignments_answered CHECK ((state = 'offered') = (answered_at IS NULL)),
  CONSTRAINT case_assignments_report_only_summoned CHECK ((state = 'reported') <= (role = 'summoned'))
);
-- A department holds a case at most once while its part is open.
CREATE UNIQUE INDEX case_assignments_live_idx ON case_assignments (case_code, department_code)
  WHERE state IN ('offered', 'accepted', 'joint_requested');
CREATE INDEX case_assignments_case_idx ON case_assignments (case_code, offered_at);
CREATE INDEX case_assignments_department_idx ON case_assignments (department_code, offered_at);

-- What an event was: a move of the lifecycle ('status', every event before this migration) or
-- one of dispatch, naming the department it concerned.
ALTER TABLE case_events
  ADD COLUMN kind text NOT NULL DEFAULT 'status' CHECK (kind IN (
    'status', 'dispatch', 'add_assist', 'reroute', 'summon', 'accept', 'return', 'request_joint', 'report'
  )),
  ADD COLUMN department_code text CHECK (department_code ~ '^[0-9]{14}$');

-- An account of a department (role department) names it; its jurisdiction is its center's unit.
-- No foreign key, like jurisdiction_code: accounts are made before a data set is loaded, and a
-- department that is gone simply leaves its account with no cases.
ALTER TABLE users ADD COLUMN department_code text CHECK (department_code ~ '^[0-9]{14}$');
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (
  role IN ('admin', 'leader', 'planner', 'operator', 'gridworker', 'kiosk', 'department',
           'sysadmin', 'secadmin', 'auditadmin')
);
ALTER TABLE users ADD CONSTRAINT users_department_account CHECK (
  (role = 'department') <= (department_code IS NOT NULL AND left(department_code, 12) = jurisdiction_code)
);
