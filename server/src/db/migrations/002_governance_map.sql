-- The governance map: administrative units, grids, cameras, risk points, cases.
-- SRID 4326 (WGS-84 lon/lat) everywhere. The value lists in CHECK constraints mirror
-- server/src/domain/vocabulary.ts (a test keeps them in step).

CREATE TABLE admin_units (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  name text NOT NULL CHECK (btrim(name) <> ''),
  parent_code text REFERENCES admin_units (code) DEFERRABLE INITIALLY DEFERRED,
  population integer NOT NULL DEFAULT 0 CHECK (population >= 0),
  households integer NOT NULL DEFAULT 0 CHECK (households >= 0),
  geom geometry(MultiPolygon, 4326) NOT NULL,
  CONSTRAINT admin_units_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  -- The zero padding of the 12-digit code must match the level.
  CONSTRAINT admin_units_code_matches_level CHECK (
    (level = 'city' AND code ~ '^[0-9]{4}0{8}$' AND substr(code, 3, 2) <> '00')
    OR (level = 'county' AND code ~ '^[0-9]{6}0{6}$' AND substr(code, 5, 2) <> '00')
    OR (level = 'township' AND code ~ '^[0-9]{9}000$' AND substr(code, 7, 3) <> '000')
    OR (level = 'village' AND substr(code, 10, 3) <> '000' AND substr(code, 7, 3) <> '000')
  ),
  -- A parent, when given, is the unit one level up by code.
  CONSTRAINT admin_units_parent_by_code CHECK (
    parent_code IS NULL
    OR parent_code = CASE level
      WHEN 'village' THEN left(code, 9) || '000'
      WHEN 'township' THEN left(code, 6) || '000000'
      WHEN 'county' THEN left(code, 4) || '00000000'
    END
  )
);
CREATE INDEX admin_units_geom_idx ON admin_units USING gist (geom);
CREATE INDEX admin_units_parent_idx ON admin_units (parent_code);
CREATE INDEX admin_units_level_idx ON admin_units (level);

CREATE TABLE grids (
  code text NOT NULL CHECK (code ~ '^[0-9]{15}$' AND right(code, 3) <> '000'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  village_code text NOT NULL REFERENCES admin_units (code),
  name text NOT NULL CHECK (btrim(name) <> ''),
  kind text NOT NULL CHECK (kind IN ('comprehensive', 'dedicated')),
  households integer NOT NULL CHECK (households >= 0),
  population integer NOT NULL CHECK (population >= 0),
  -- The 1+N+N model: one grid head, N grid workers, N volunteers.
  staff jsonb NOT NULL CHECK (
    jsonb_typeof(staff -> 'head') = 'number' AND (staff ->> 'head')::int BETWEEN 0 AND 1
    AND jsonb_typeof(staff -> 'workers') = 'number' AND (staff ->> 'workers')::int >= 0
    AND jsonb_typeof(staff -> 'volunteers') = 'number' AND (staff ->> 'volunteers')::int >= 0
  ),
  geom geometry(Polygon, 4326) NOT NULL,
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  PRIMARY KEY (code, version),
  CONSTRAINT grids_code_in_village CHECK (left(code, 12) = village_code),
  CONSTRAINT grids_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  CONSTRAINT grids_validity_ordered CHECK (valid_to IS NULL OR valid_to > valid_from)
);
-- One current version per grid code.
CREATE UNIQUE INDEX grids_current_code_idx ON grids (code) WHERE valid_to IS NULL;
CREATE INDEX grids_current_village_idx ON grids (village_code) WHERE valid_to IS NULL;
CREATE INDEX grids_geom_idx ON grids USING gist (geom);

CREATE TABLE cameras (
  -- GB/T 28181: 8-digit centre, 2-digit industry, 3-digit type (131/132), network 5-8, serial.
  id text PRIMARY KEY CHECK (
    id ~ '^[0-9]{20}$' AND substr(id, 11, 3) IN ('131', '132') AND substr(id, 14, 1) BETWEEN '5' AND '8'
  ),
  name text NOT NULL CHECK (btrim(name) <> ''),
  kind text NOT NULL CHECK (kind IN ('bullet', 'dome', 'ptz', 'checkpoint')),
  status text NOT NULL CHECK (status IN ('online', 'offline', 'fault')),
  last_seen timestamptz,
  heading smallint CHECK (heading BETWEEN 0 AND 359),
  fov smallint CHECK (fov BETWEEN 1 AND 360),
  owner_unit text NOT NULL,
  grid_code text NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
  geom geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom))
);
CREATE INDEX cameras_geom_idx ON cameras USING gist (geom);
CREATE INDEX cameras_grid_idx ON cameras (grid_code);
CREATE INDEX cameras_status_idx ON cameras (status);

CREATE TABLE risk_points (
  id text PRIMARY KEY CHECK (id ~ '^[0-9]{12}R[0-9]{4}$'),
  name text NOT NULL CHECK (btrim(name) <> ''),
  category text NOT NULL CHECK (category IN (
    'school', 'hospital', 'market', 'construction_site', 'hazardous_chemicals',
    'gas_station', 'recurring_dispute', 'crowded_place', 'water_hazard'
  )),
  -- 1 red, 2 orange, 3 yellow, 4 blue.
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  responsible_unit text NOT NULL,
  last_inspected_at timestamptz,
  grid_code text NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
  geom geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom))
);
CREATE INDEX risk_points_geom_idx ON risk_points USING gist (geom);
CREATE INDEX risk_points_grid_idx ON risk_points (grid_code);

CREATE TABLE cases (
  -- One case, one code: village code + YYYYMMDD + 4-digit serial.
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{24}$'),
  category text NOT NULL CHECK (category IN (
    'neighbour', 'family', 'land', 'property', 'labour', 'demolition',
    'medical', 'consumer', 'traffic', 'environment', 'public_order'
  )),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  source text NOT NULL CHECK (source IN ('hotline', 'walk_in', 'patrol', 'video')),
  status text NOT NULL CHECK (status IN (
    'registered', 'mediating', 'assessing', 'dispatched', 'supervising', 'resolved', 'reviewed'
  )),
  reported_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  closed_at timestamptz,
  handled_level text NOT NULL CHECK (handled_level IN ('village', 'township', 'county', 'city')),
  grid_code text NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
  village_code text NOT NULL REFERENCES admin_units (code),
  geom geometry(Point, 4326) NOT NULL CHECK (NOT ST_IsEmpty(geom)),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT cases_code_in_village CHECK (left(code, 12) = village_code),
  CONSTRAINT cases_grid_in_village CHECK (left(grid_code, 12) = village_code),
  CONSTRAINT cases_deadline_after_report CHECK (deadline > reported_at),
  -- Closed exactly when the case has reached 案结事了 (resolved) or beyond.
  CONSTRAINT cases_closed_when_resolved CHECK (
    (status IN ('resolved', 'reviewed')) = (closed_at IS NOT NULL)
    AND (closed_at IS NULL OR closed_at >= reported_at)
  )
);
CREATE INDEX cases_geom_idx ON cases USING gist (geom);
CREATE INDEX cases_reported_idx ON cases (reported_at);
CREATE INDEX cases_grid_reported_idx ON cases (grid_code, reported_at);
CREATE INDEX cases_village_reported_idx ON cases (village_code, reported_at);
CREATE INDEX cases_open_deadline_idx ON cases (deadline) WHERE closed_at IS NULL;

CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_code text NOT NULL REFERENCES cases (code) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  from_status text CHECK (from_status IN (
    'registered', 'mediating', 'assessing', 'dispatched', 'supervising', 'resolved', 'reviewed'
  )),
  to_status text NOT NULL CHECK (to_status IN (
    'registered', 'mediating', 'assessing', 'dispatched', 'supervising', 'resolved', 'reviewed'
  )),
  actor text NOT NULL CHECK (btrim(actor) <> ''),
  note text
);
CREATE INDEX case_events_case_idx ON case_events (case_code, at);
CREATE INDEX case_events_at_idx ON case_events (at);

-- Roads of the demo city, drawn on the self-hosted basemap.
CREATE TABLE roads (
  id serial PRIMARY KEY,
  class text NOT NULL CHECK (class IN ('expressway', 'main', 'local')),
  name text,
  geom geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);

CREATE TABLE users (
  username text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
  display_name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('admin', 'leader', 'planner', 'operator', 'gridworker', 'kiosk')),
  -- The admin unit (any level) whose territory this account may see and act in.
  jurisdiction_code text NOT NULL CHECK (jurisdiction_code ~ '^[0-9]{12}$'),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

-- Each data set load: what was loaded, when, and how much. The newest row describes the data.
CREATE TABLE dataset_loads (
  id serial PRIMARY KEY,
  source text NOT NULL,
  synthetic boolean NOT NULL,
  scale text,
  seed integer,
  as_of date,
  counts jsonb NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL
);
