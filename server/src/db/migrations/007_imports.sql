-- Imports (issue 7): every applied import of cameras, risk points, cases or grids, who ran it,
-- from which file, what it changed, and enough to roll it back exactly.

CREATE TABLE imports (
  id serial PRIMARY KEY,
  layer text NOT NULL CHECK (layer IN ('cameras', 'risk_points', 'cases', 'grids')),
  username text NOT NULL,
  -- The importer's jurisdiction at the time: only an account covering it may roll it back.
  jurisdiction_code text NOT NULL CHECK (jurisdiction_code ~ '^[0-9]{12}$'),
  at timestamptz NOT NULL DEFAULT now(),
  file_name text NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  format text NOT NULL CHECK (format IN ('geojson', 'shapefile', 'csv')),
  crs text NOT NULL,
  -- {read, inserted, updated, retired, warnings}
  counts jsonb NOT NULL,
  -- The repairs and other warnings of the run, as the report showed them (first 1,000).
  warnings jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'rolled_back')),
  rolled_back_at timestamptz,
  rolled_back_by text,
  CONSTRAINT imports_rollback_recorded CHECK ((status = 'rolled_back') = (rolled_back_at IS NOT NULL))
);
CREATE INDEX imports_layer_idx ON imports (layer, id DESC);

-- What one import did to each record. Points and cases: 'inserted' (deleted on rollback) or
-- 'updated' with the row as it was (put back on rollback). Grids go through the planner's
-- change mechanism (migration 006), one change per village: 'grid_change' with the change id
-- as key, reverted through that mechanism on rollback.
CREATE TABLE import_changes (
  import_id integer NOT NULL REFERENCES imports (id),
  key text NOT NULL,
  action text NOT NULL CHECK (action IN ('inserted', 'updated', 'grid_change')),
  -- The row before the import, without its geometry (kept beside as geometry, not as text).
  previous jsonb,
  previous_geom geometry(Geometry, 4326),
  PRIMARY KEY (import_id, key, action),
  CONSTRAINT import_changes_previous_when_updated CHECK ((action = 'updated') = (previous IS NOT NULL))
);
