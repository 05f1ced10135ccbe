-- Status changes of cameras, logged per feed version, so that a kept camera feed (feeds/cache.ts)
-- can be brought up to date by patching the status of the cameras that changed instead of being
-- built again: heartbeats change statuses all day, while positions, grids, kinds and the set of
-- cameras seldom change. A version that changed anything else (or whose log was pruned) sets
-- `rebuild_from`: a feed kept at an older version must then be built afresh.
ALTER TABLE feed_versions ADD COLUMN rebuild_from bigint NOT NULL DEFAULT 0;

CREATE TABLE camera_status_changes (
  version bigint NOT NULL,
  id text NOT NULL,
  status text NOT NULL,
  PRIMARY KEY (version, id)
);

-- Inserts, deletes and truncates change the set of rows: a rebuild.
CREATE OR REPLACE FUNCTION feed_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE feed_versions SET version = version + 1, rebuild_from = version + 1 WHERE layer = TG_ARGV[0];
  RETURN NULL;
END
$$;

-- An update that changed only statuses logs them at its new version (and keeps the last 1,000
-- versions); one that changed a fed column other than status asks for a rebuild; one that changed
-- nothing the feed shows (a heartbeat repeating a status) leaves the version alone.
CREATE OR REPLACE FUNCTION cameras_feed_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  IF EXISTS (
    SELECT id, grid_code, kind, ST_X(geom), ST_Y(geom) FROM new_rows
    EXCEPT
    SELECT id, grid_code, kind, ST_X(geom), ST_Y(geom) FROM old_rows
  ) THEN
    UPDATE feed_versions SET version = version + 1, rebuild_from = version + 1 WHERE layer = 'cameras';
  ELSIF EXISTS (SELECT id, status FROM new_rows EXCEPT SELECT id, status FROM old_rows) THEN
    UPDATE feed_versions SET version = version + 1 WHERE layer = 'cameras' RETURNING version INTO v;
    INSERT INTO camera_status_changes (version, id, status)
      SELECT v, n.id, n.status FROM new_rows n JOIN old_rows o USING (id) WHERE n.status IS DISTINCT FROM o.status;
    IF v > 1000 THEN
      DELETE FROM camera_status_changes WHERE version <= v - 1000;
      UPDATE feed_versions SET rebuild_from = v - 1000 WHERE layer = 'cameras' AND rebuild_from < v - 1000;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
