-- The departments stationed in a center (综治中心) of a city, county or township: courts,
-- procuratorate, police, justice, petitions and the others that take the cases the center
-- routes to them (docs/departments.md). The value lists mirror server/src/domain/vocabulary.ts.

CREATE TABLE departments (
  -- The center unit's 12-digit division code and a two-digit serial within that center.
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{14}$'),
  -- City, county or township (a village has no center that hosts departments): the code of a
  -- village never ends in 000.
  center_unit_code text NOT NULL REFERENCES admin_units (code) CHECK (center_unit_code ~ '^[0-9]{9}000$'),
  name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 60),
  kind text NOT NULL CHECK (kind IN (
    'court', 'procuratorate', 'police', 'justice', 'petitions', 'hrss', 'housing',
    'market_regulation', 'civil_affairs', 'health', 'education', 'emergency',
    'natural_resources', 'women_federation', 'other'
  )),
  -- 常驻 resident, 轮驻 rotating, 随驻 on call.
  stationing text NOT NULL CHECK (stationing IN ('resident', 'rotating', 'on_call')),
  -- The desk's telephone or office, as the center publishes it (not a person's details).
  contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 60),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT departments_code_in_center CHECK (left(code, 12) = center_unit_code AND right(code, 2) <> '00')
);
CREATE INDEX departments_center_idx ON departments (center_unit_code, kind);
