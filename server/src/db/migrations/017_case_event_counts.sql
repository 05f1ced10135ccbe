-- Case events per village, kept up to date by statement-level triggers like the camera and
-- risk-point counts of migration 004, so that a viewer's layer counts (server/src/db/queries/
-- overview.ts) sum a few thousand village counts instead of matching every event's case code
-- against the jurisdiction: no index serves a prefix of case_events.case_code, and joining the
-- events to the cases of a prefix reads them all at city scale. A case code begins with its
-- village code, so the village is left(case_code, 12). village_code is COLLATE "C" so the
-- primary key serves LIKE '3717%' prefixes.
CREATE TABLE case_event_counts (
  village_code text COLLATE "C" PRIMARY KEY,
  n integer NOT NULL
);

-- Net changes of a statement, applied in key order (so concurrent writers lock counts in the
-- same order). Events cascade-deleted with their case arrive here as deletes too.
CREATE FUNCTION case_event_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM case_event_counts;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO case_event_counts AS c (village_code, n)
    SELECT left(case_code, 12), count(*) FROM new_rows GROUP BY 1 ORDER BY 1
    ON CONFLICT (village_code) DO UPDATE SET n = c.n + EXCLUDED.n;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE case_event_counts c SET n = c.n - d.n
    FROM (SELECT left(case_code, 12) AS village_code, count(*) AS n FROM old_rows GROUP BY 1) d
    WHERE c.village_code = d.village_code;
  ELSE
    INSERT INTO case_event_counts AS c (village_code, n)
    SELECT village_code, sum(d) FROM (
      SELECT left(case_code, 12) AS village_code, 1 AS d FROM new_rows
      UNION ALL
      SELECT left(case_code, 12), -1 FROM old_rows
    ) changes GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
    ON CONFLICT (village_code) DO UPDATE SET n = c.n + EXCLUDED.n;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER case_event_counts_insert AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_event_counts_apply();
CREATE TRIGGER case_event_counts_update AFTER UPDATE ON case_events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_event_counts_apply();
CREATE TRIGGER case_event_counts_delete AFTER DELETE ON case_events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_event_counts_apply();
CREATE TRIGGER case_event_counts_truncate AFTER TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_event_counts_apply();

-- Counts of what is already there.
INSERT INTO case_event_counts (village_code, n)
SELECT left(case_code, 12), count(*) FROM case_events GROUP BY 1;
