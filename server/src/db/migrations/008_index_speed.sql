-- What the stability index reads for every grid, kept cheap at city scale (issue 5, speed).

-- Online cameras within 100 m of each risk point (only points that have at least one), kept up
-- to date by statement-level triggers on cameras and risk_points. Finding them at publishing
-- time took 50,000 spatial probes (~3.6 s at city scale); a statement here recounts only the
-- risk points near the rows it touched. The distance is the one the index uses everywhere:
-- ST_DistanceSphere after a box sized in degrees for the latitude (so the GiST index serves it).
-- No foreign key: the loader truncates risk_points, and a referencing table would block that.
CREATE TABLE risk_point_camera_cover (
  risk_point_id text PRIMARY KEY,
  online_cameras integer NOT NULL CHECK (online_cameras > 0)
);

-- Recounts the given risk points (ids in key order, so concurrent writers lock rows alike).
CREATE FUNCTION risk_point_camera_cover_recount(ids text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM risk_point_camera_cover WHERE risk_point_id = ANY (ids);
  INSERT INTO risk_point_camera_cover (risk_point_id, online_cameras)
  SELECT r.id, n.online_cameras
  FROM risk_points r
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS online_cameras FROM cameras k
    WHERE k.status = 'online'
      AND k.geom && ST_Expand(r.geom, 100 / (111320 * cos(radians(ST_Y(r.geom)))), 100 / 110540.0)
      AND ST_DistanceSphere(k.geom, r.geom) <= 100
  ) n
  WHERE r.id = ANY (ids) AND n.online_cameras > 0
  ORDER BY r.id;
$$;

-- Cameras: the risk points within 100 m of any camera the statement added, removed, moved or
-- switched on or off. An update that changes neither status nor position recounts nothing.
CREATE FUNCTION risk_point_camera_cover_cameras() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM risk_point_camera_cover;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT r.id) INTO ids FROM new_rows k JOIN risk_points r
      ON k.status = 'online'
      AND r.geom && ST_Expand(k.geom, 100 / (111320 * cos(radians(ST_Y(k.geom)))), 100 / 110540.0);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT r.id) INTO ids FROM old_rows k JOIN risk_points r
      ON k.status = 'online'
      AND r.geom && ST_Expand(k.geom, 100 / (111320 * cos(radians(ST_Y(k.geom)))), 100 / 110540.0);
  ELSE
    SELECT array_agg(DISTINCT r.id) INTO ids FROM (
      SELECT o.geom FROM old_rows o JOIN new_rows n USING (id)
        WHERE o.status IS DISTINCT FROM n.status OR NOT ST_Equals(o.geom, n.geom)
      UNION ALL
      SELECT n.geom FROM old_rows o JOIN new_rows n USING (id)
        WHERE o.status IS DISTINCT FROM n.status OR NOT ST_Equals(o.geom, n.geom)
    ) k JOIN risk_points r
      ON r.geom && ST_Expand(k.geom, 100 / (111320 * cos(radians(ST_Y(k.geom)))), 100 / 110540.0);
    -- A changed id is a removal and an addition.
    SELECT array_agg(DISTINCT r.id) || coalesce(ids, '{}') INTO ids FROM (
      SELECT geom FROM old_rows WHERE id NOT IN (SELECT id FROM new_rows)
      UNION ALL
      SELECT geom FROM new_rows WHERE id NOT IN (SELECT id FROM old_rows)
    ) k JOIN risk_points r
      ON r.geom && ST_Expand(k.geom, 100 / (111320 * cos(radians(ST_Y(k.geom)))), 100 / 110540.0);
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM risk_point_camera_cover_recount(ids);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_point_camera_cover_insert AFTER INSERT ON cameras
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_cameras();
CREATE TRIGGER risk_point_camera_cover_update AFTER UPDATE ON cameras
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_cameras();
CREATE TRIGGER risk_point_camera_cover_delete AFTER DELETE ON cameras
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_cameras();
CREATE TRIGGER risk_point_camera_cover_truncate AFTER TRUNCATE ON cameras
  FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_cameras();

-- Risk points: new and moved points are counted, removed ones forgotten; an update that moves
-- nothing recounts nothing.
CREATE FUNCTION risk_point_camera_cover_points() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM risk_point_camera_cover;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM risk_point_camera_cover WHERE risk_point_id IN (SELECT id FROM old_rows);
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(id) INTO ids FROM new_rows;
    PERFORM risk_point_camera_cover_recount(ids);
  ELSE
    DELETE FROM risk_point_camera_cover
      WHERE risk_point_id IN (SELECT id FROM old_rows EXCEPT SELECT id FROM new_rows);
    SELECT array_agg(n.id) INTO ids FROM new_rows n LEFT JOIN old_rows o USING (id)
      WHERE o.id IS NULL OR NOT ST_Equals(o.geom, n.geom);
    IF ids IS NOT NULL THEN
      PERFORM risk_point_camera_cover_recount(ids);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_point_camera_cover_insert AFTER INSERT ON risk_points
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_points();
CREATE TRIGGER risk_point_camera_cover_update AFTER UPDATE ON risk_points
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_points();
CREATE TRIGGER risk_point_camera_cover_delete AFTER DELETE ON risk_points
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_points();
CREATE TRIGGER risk_point_camera_cover_truncate AFTER TRUNCATE ON risk_points
  FOR EACH STATEMENT EXECUTE FUNCTION risk_point_camera_cover_points();

-- Cameras per grid and status, the grid-level twin of camera_status_counts (004), so the index
-- sums ~25,000 counts instead of grouping 250,000 cameras.
CREATE TABLE camera_grid_status_counts (
  grid_code text COLLATE "C" NOT NULL,
  status text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (grid_code, status)
);

CREATE FUNCTION camera_grid_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM camera_grid_status_counts;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO camera_grid_status_counts AS c (grid_code, status, n)
    SELECT grid_code, status, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (grid_code, status) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE camera_grid_status_counts c SET n = c.n - d.n
    FROM (SELECT grid_code, status, count(*) AS n FROM old_rows GROUP BY 1, 2) d
    WHERE c.grid_code = d.grid_code AND c.status = d.status;
  ELSE
    INSERT INTO camera_grid_status_counts AS c (grid_code, status, n)
    SELECT grid_code, status, sum(d) FROM (
      SELECT grid_code, status, 1 AS d FROM new_rows
      UNION ALL
      SELECT grid_code, status, -1 FROM old_rows
    ) changes GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (grid_code, status) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER camera_grid_status_counts_insert AFTER INSERT ON cameras
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION camera_grid_status_counts_apply();
CREATE TRIGGER camera_grid_status_counts_update AFTER UPDATE ON cameras
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION camera_grid_status_counts_apply();
CREATE TRIGGER camera_grid_status_counts_delete AFTER DELETE ON cameras
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION camera_grid_status_counts_apply();
CREATE TRIGGER camera_grid_status_counts_truncate AFTER TRUNCATE ON cameras
  FOR EACH STATEMENT EXECUTE FUNCTION camera_grid_status_counts_apply();

-- Cases due in a period (on-time and overdue shares), index-only instead of a sequential scan.
CREATE INDEX cases_deadline_idx ON cases (deadline) INCLUDE (grid_code, closed_at);

-- What is already there.
INSERT INTO camera_grid_status_counts (grid_code, status, n)
SELECT grid_code, status, count(*) FROM cameras GROUP BY 1, 2;
SELECT risk_point_camera_cover_recount(array_agg(id)) FROM risk_points;
