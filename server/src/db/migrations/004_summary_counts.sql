-- What the unit summary (wall screens, every few seconds) reads, kept cheap at city scale.

-- Cases closed today and in the last 30 days, index-only.
CREATE INDEX cases_closed_at_idx ON cases (closed_at) INCLUDE (village_code, deadline) WHERE closed_at IS NOT NULL;

-- Cameras per village and status, and risk points per village and level, kept up to date by
-- statement-level triggers, so a city summary sums ~15,000 counts instead of reading 250,000
-- cameras. village_code is COLLATE "C" so the primary key serves LIKE '3717%' prefixes.
CREATE TABLE camera_status_counts (
  village_code text COLLATE "C" NOT NULL,
  status text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (village_code, status)
);

CREATE TABLE risk_point_level_counts (
  village_code text COLLATE "C" NOT NULL,
  level smallint NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (village_code, level)
);

-- Net changes of a statement, applied in key order (so concurrent writers lock counts in the
-- same order); an update that changes no status or village writes nothing.
CREATE FUNCTION camera_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM camera_status_counts;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO camera_status_counts AS c (village_code, status, n)
    SELECT left(grid_code, 12), status, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (village_code, status) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE camera_status_counts c SET n = c.n - d.n
    FROM (SELECT left(grid_code, 12) AS village_code, status, count(*) AS n FROM old_rows GROUP BY 1, 2) d
    WHERE c.village_code = d.village_code AND c.status = d.status;
  ELSE
    INSERT INTO camera_status_counts AS c (village_code, status, n)
    SELECT village_code, status, sum(d) FROM (
      SELECT left(grid_code, 12) AS village_code, status, 1 AS d FROM new_rows
      UNION ALL
      SELECT left(grid_code, 12), status, -1 FROM old_rows
    ) changes GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (village_code, status) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER camera_status_counts_insert AFTER INSERT ON cameras
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION camera_status_counts_apply();
CREATE TRIGGER camera_status_counts_update AFTER UPDATE ON cameras
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION camera_status_counts_apply();
CREATE TRIGGER camera_status_counts_delete AFTER DELETE ON cameras
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION camera_status_counts_apply();
CREATE TRIGGER camera_status_counts_truncate AFTER TRUNCATE ON cameras
  FOR EACH STATEMENT EXECUTE FUNCTION camera_status_counts_apply();

CREATE FUNCTION risk_point_level_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM risk_point_level_counts;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO risk_point_level_counts AS c (village_code, level, n)
    SELECT left(grid_code, 12), level, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (village_code, level) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE risk_point_level_counts c SET n = c.n - d.n
    FROM (SELECT left(grid_code, 12) AS village_code, level, count(*) AS n FROM old_rows GROUP BY 1, 2) d
    WHERE c.village_code = d.village_code AND c.level = d.level;
  ELSE
    INSERT INTO risk_point_level_counts AS c (village_code, level, n)
    SELECT village_code, level, sum(d) FROM (
      SELECT left(grid_code, 12) AS village_code, level, 1 AS d FROM new_rows
      UNION ALL
      SELECT left(grid_code, 12), level, -1 FROM old_rows
    ) changes GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
    ON CONFLICT (village_code, level) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_point_level_counts_insert AFTER INSERT ON risk_points
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_level_counts_apply();
CREATE TRIGGER risk_point_level_counts_update AFTER UPDATE ON risk_points
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_level_counts_apply();
CREATE TRIGGER risk_point_level_counts_delete AFTER DELETE ON risk_points
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION risk_point_level_counts_apply();
CREATE TRIGGER risk_point_level_counts_truncate AFTER TRUNCATE ON risk_points
  FOR EACH STATEMENT EXECUTE FUNCTION risk_point_level_counts_apply();

-- Counts of what is already there.
INSERT INTO camera_status_counts (village_code, status, n)
SELECT left(grid_code, 12), status, count(*) FROM cameras GROUP BY 1, 2;
INSERT INTO risk_point_level_counts (village_code, level, n)
SELECT left(grid_code, 12), level, count(*) FROM risk_points GROUP BY 1, 2;
