-- A version per binary map feed, raised in the same transaction as every change the feed shows,
-- so a server can keep an encoded feed (server/src/feeds/cache.ts) and tell with one cheap read
-- whether it is still current. It lives in the database, not in a server's memory, so changes
-- made by another server process, an import or plain SQL invalidate the cache just the same.
-- Being transactional, a feed built in one snapshot together with the version it read is exactly
-- the feed of that version.
CREATE TABLE feed_versions (
  layer text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO feed_versions (layer, version) VALUES ('cameras', 0);

CREATE FUNCTION feed_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE feed_versions SET version = version + 1 WHERE layer = TG_ARGV[0];
  RETURN NULL;
END
$$;

-- An update raises the version only when a row's fed columns changed: heartbeats rewrite status
-- and last_seen of every camera they name, mostly to the same status, and must not throw the
-- cached feed away each time.
CREATE FUNCTION cameras_feed_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT id, grid_code, status, kind, ST_X(geom), ST_Y(geom) FROM new_rows
    EXCEPT
    SELECT id, grid_code, status, kind, ST_X(geom), ST_Y(geom) FROM old_rows
  ) THEN
    UPDATE feed_versions SET version = version + 1 WHERE layer = 'cameras';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER cameras_feed_version_change AFTER INSERT OR DELETE OR TRUNCATE ON cameras
  FOR EACH STATEMENT EXECUTE FUNCTION feed_version_bump('cameras');
CREATE TRIGGER cameras_feed_version_update AFTER UPDATE ON cameras
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cameras_feed_version_update();
