-- The stability index (平安稳定指数), hotspots and early warnings (issue 5).

-- One row per publication of a period: who, when, with which weights, and why. A period is
-- published once (revision 1); recomputing it later adds revision 2, 3, … with a reason. Rows
-- are never changed or removed, so a published figure can always be traced.
CREATE TABLE index_publications (
  period_kind text NOT NULL CHECK (period_kind IN ('day', 'week', 'month')),
  period_start date NOT NULL,
  revision integer NOT NULL CHECK (revision >= 1),
  weights_version text NOT NULL CHECK (btrim(weights_version) <> ''),
  reason text,
  published_by text NOT NULL CHECK (btrim(published_by) <> ''),
  published_at timestamptz NOT NULL DEFAULT now(),
  unit_count integer NOT NULL CHECK (unit_count >= 0),
  PRIMARY KEY (period_kind, period_start, revision),
  CONSTRAINT index_publications_reason_for_revision CHECK (revision = 1 OR btrim(coalesce(reason, '')) <> '')
);

-- The published value of every grid and unit in one publication. unit_code is a 12-digit
-- division code or a 15-digit grid code; indicators holds [{key, raw, normalised, weight,
-- contribution}], counts the raw counts they came from. COLLATE "C" so prefixes use the index.
CREATE TABLE index_snapshots (
  period_kind text NOT NULL,
  period_start date NOT NULL,
  revision integer NOT NULL,
  unit_code text COLLATE "C" NOT NULL CHECK (unit_code ~ '^[0-9]{12}([0-9]{3})?$'),
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village', 'grid')),
  parent_code text COLLATE "C",
  score double precision NOT NULL CHECK (score >= 0 AND score <= 100),
  band text NOT NULL CHECK (band IN ('red', 'orange', 'yellow', 'blue')),
  population integer NOT NULL CHECK (population >= 0),
  rank integer,
  rank_of integer,
  indicators jsonb NOT NULL CHECK (jsonb_typeof(indicators) = 'array'),
  counts jsonb NOT NULL CHECK (jsonb_typeof(counts) = 'object'),
  PRIMARY KEY (period_kind, period_start, revision, unit_code),
  FOREIGN KEY (period_kind, period_start, revision) REFERENCES index_publications
);
CREATE INDEX index_snapshots_unit_idx ON index_snapshots (unit_code, period_kind, period_start, revision);
CREATE INDEX index_snapshots_parent_idx ON index_snapshots (parent_code, period_kind, period_start, revision);

CREATE FUNCTION index_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed (publish a new revision instead)', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER index_publications_no_update_or_delete BEFORE UPDATE OR DELETE ON index_publications
  FOR EACH ROW EXECUTE FUNCTION index_refuse_change();
CREATE TRIGGER index_publications_no_truncate BEFORE TRUNCATE ON index_publications
  FOR EACH STATEMENT EXECUTE FUNCTION index_refuse_change();
CREATE TRIGGER index_snapshots_no_update_or_delete BEFORE UPDATE OR DELETE ON index_snapshots
  FOR EACH ROW EXECUTE FUNCTION index_refuse_change();
CREATE TRIGGER index_snapshots_no_truncate BEFORE TRUNCATE ON index_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION index_refuse_change();

-- Queen contiguity of the current grids (sharing an edge or a corner), both directions.
-- Computing it takes about a second at city scale, so it is kept here and rebuilt when the
-- grids change: any statement on grids drops the "built" mark, and the next reader rebuilds.
CREATE TABLE grid_neighbours (
  grid_code text COLLATE "C" NOT NULL,
  neighbour_code text COLLATE "C" NOT NULL,
  PRIMARY KEY (grid_code, neighbour_code),
  CHECK (grid_code <> neighbour_code)
);
CREATE TABLE grid_neighbours_built (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  built_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION grid_neighbours_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM grid_neighbours_built;
  RETURN NULL;
END
$$;
CREATE TRIGGER grid_neighbours_stale AFTER INSERT OR UPDATE OR DELETE ON grids
  FOR EACH STATEMENT EXECUTE FUNCTION grid_neighbours_mark_stale();
CREATE TRIGGER grid_neighbours_stale_truncate AFTER TRUNCATE ON grids
  FOR EACH STATEMENT EXECUTE FUNCTION grid_neighbours_mark_stale();

-- Early warnings: a grid's count on one day above its control limit. One per grid, day and
-- measure, so re-running a day's check adds nothing twice.
CREATE TABLE early_warnings (
  id bigserial PRIMARY KEY,
  grid_code text COLLATE "C" NOT NULL CHECK (grid_code ~ '^[0-9]{15}$'),
  day date NOT NULL,
  measure text NOT NULL CHECK (measure IN ('daily_cases')),
  observed double precision NOT NULL,
  expected double precision NOT NULL,
  upper_limit double precision NOT NULL,
  p_value double precision NOT NULL CHECK (p_value >= 0 AND p_value <= 1),
  raised_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (grid_code, day, measure)
);
CREATE INDEX early_warnings_day_idx ON early_warnings (day);

-- Days whose early-warning check has run (with or without warnings), so the scheduler runs
-- each day once.
CREATE TABLE early_warning_runs (
  day date PRIMARY KEY,
  warnings integer NOT NULL,
  ran_at timestamptz NOT NULL DEFAULT now()
);
