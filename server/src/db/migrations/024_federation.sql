-- Federation (issue 25): a province server subscribes to city servers through PostgreSQL's
-- logical replication (docs/federation.md). This migration is the same on every server; the
-- publications and subscriptions are made by `npm run federation -- join` (server/src/db/federation.ts).

-- What this server is in the federation: one row, written when a city joins or a province is set up.
CREATE TABLE federation_node (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  role text NOT NULL CHECK (role IN ('city', 'province')),
  code text NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  -- A city's claimed id range starts at city4 * 10^11 (see federation_claim_id_range).
  id_base bigint,
  CONSTRAINT federation_node_code_matches_role CHECK (
    (role = 'province' AND code ~ '^[0-9]{2}0{10}$' AND id_base IS NULL)
    OR (role = 'city' AND code ~ '^[0-9]{4}0{8}$' AND id_base = substr(code, 1, 4)::bigint * 100000000000)
  )
);

-- On the province: the cities joined, with the schema version they joined at.
CREATE TABLE federation_cities (
  city4 text PRIMARY KEY CHECK (city4 ~ '^[0-9]{4}$'),
  name text NOT NULL,
  schema_version integer NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now()
);

-- References to a grid change follow it when a city renumbers its changes into its id range.
ALTER TABLE grids
  DROP CONSTRAINT grids_created_by_change_fkey,
  ADD CONSTRAINT grids_created_by_change_fkey FOREIGN KEY (created_by_change) REFERENCES grid_changes (id) ON UPDATE CASCADE,
  DROP CONSTRAINT grids_closed_by_change_fkey,
  ADD CONSTRAINT grids_closed_by_change_fkey FOREIGN KEY (closed_by_change) REFERENCES grid_changes (id) ON UPDATE CASCADE;
ALTER TABLE grid_changes
  DROP CONSTRAINT grid_changes_reverts_change_id_fkey,
  ADD CONSTRAINT grid_changes_reverts_change_id_fkey FOREIGN KEY (reverts_change_id) REFERENCES grid_changes (id) ON UPDATE CASCADE;

-- Gives the city the ids city4 * 10^11 + 1 … (city4 + 1) * 10^11 - 1 of the two published serial
-- columns (case_events.id, grid_changes.id), below 2^53 so that JavaScript numbers hold them
-- exactly: renumbers the rows written before, and bounds the
-- sequences to the range so that they can never step into another city's. Idempotent.
CREATE FUNCTION federation_claim_id_range(city_code text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  base bigint := substr(city_code, 1, 4)::bigint * 100000000000;
  top bigint := base + 100000000000 - 1;
  seq text;
  next_id bigint;
BEGIN
  IF city_code !~ '^[0-9]{4}0{8}$' THEN
    RAISE EXCEPTION 'not a city code: %', city_code;
  END IF;
  UPDATE case_events SET id = id + base WHERE id < base;
  UPDATE import_changes SET key = (key::bigint + base)::text
    WHERE action = 'grid_change' AND key::bigint < base;
  UPDATE grid_changes SET id = id + base WHERE id < base;
  FOREACH seq IN ARRAY ARRAY['case_events_id_seq', 'grid_changes_id_seq'] LOOP
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I', replace(seq, '_id_seq', '')) INTO next_id;
    next_id := greatest(next_id, base + 1);
    EXECUTE format('ALTER SEQUENCE %I MINVALUE %s MAXVALUE %s START WITH %s RESTART WITH %s', seq, base + 1, top, next_id, next_id);
  END LOOP;
  INSERT INTO federation_node (role, code, id_base) VALUES ('city', city_code, base)
  ON CONFLICT (only_row) DO UPDATE SET role = 'city', code = EXCLUDED.code, id_base = EXCLUDED.id_base;
  RETURN base;
END
$$;

-- Replicated rows are applied with session_replication_role = replica, where the statement-level
-- triggers that keep the derived counts never fire. Their row-level twins below are enabled for
-- replica mode only, so they run in the province's apply worker and nowhere else.

-- The apply worker runs with an empty search_path: every function it reaches names its own.
ALTER FUNCTION feed_version_bump() SET search_path = public, pg_temp;
ALTER FUNCTION grid_neighbours_mark_stale() SET search_path = public, pg_temp;

CREATE FUNCTION federation_replica_counts() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'cameras' THEN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE camera_status_counts SET n = n - 1 WHERE village_code = left(OLD.grid_code, 12) AND status = OLD.status;
      UPDATE camera_grid_status_counts SET n = n - 1 WHERE grid_code = OLD.grid_code AND status = OLD.status;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO camera_status_counts AS c (village_code, status, n) VALUES (left(NEW.grid_code, 12), NEW.status, 1)
      ON CONFLICT (village_code, status) DO UPDATE SET n = c.n + 1;
      INSERT INTO camera_grid_status_counts AS c (grid_code, status, n) VALUES (NEW.grid_code, NEW.status, 1)
      ON CONFLICT (grid_code, status) DO UPDATE SET n = c.n + 1;
    END IF;
  ELSIF TG_TABLE_NAME = 'risk_points' THEN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE risk_point_level_counts SET n = n - 1 WHERE village_code = left(OLD.grid_code, 12) AND level = OLD.level;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO risk_point_level_counts AS c (village_code, level, n) VALUES (left(NEW.grid_code, 12), NEW.level, 1)
      ON CONFLICT (village_code, level) DO UPDATE SET n = c.n + 1;
    END IF;
  ELSIF TG_TABLE_NAME = 'case_events' THEN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE case_event_counts SET n = n - 1 WHERE village_code = left(OLD.case_code, 12);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO case_event_counts AS c (village_code, n) VALUES (left(NEW.case_code, 12), 1)
      ON CONFLICT (village_code) DO UPDATE SET n = c.n + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- Recounts the risk points near a replicated camera (before and after), or the replicated point itself.
CREATE FUNCTION federation_replica_cover() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  ids text[] := '{}';
BEGIN
  IF TG_TABLE_NAME = 'risk_points' THEN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN ids := ids || OLD.id; END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN ids := ids || NEW.id; END IF;
  ELSE
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      ids := ids || ARRAY(SELECT r.id FROM risk_points r
        WHERE r.geom && ST_Expand(OLD.geom, 100 / (111320 * cos(radians(ST_Y(OLD.geom)))), 100 / 110540.0));
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      ids := ids || ARRAY(SELECT r.id FROM risk_points r
        WHERE r.geom && ST_Expand(NEW.geom, 100 / (111320 * cos(radians(ST_Y(NEW.geom)))), 100 / 110540.0));
    END IF;
  END IF;
  IF cardinality(ids) > 0 THEN
    PERFORM risk_point_camera_cover_recount(ARRAY(SELECT DISTINCT unnest(ids) ORDER BY 1));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER federation_replica_counts AFTER INSERT OR UPDATE OR DELETE ON cameras
  FOR EACH ROW EXECUTE FUNCTION federation_replica_counts();
CREATE TRIGGER federation_replica_counts AFTER INSERT OR UPDATE OR DELETE ON risk_points
  FOR EACH ROW EXECUTE FUNCTION federation_replica_counts();
CREATE TRIGGER federation_replica_counts AFTER INSERT OR UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION federation_replica_counts();
CREATE TRIGGER federation_replica_cover AFTER INSERT OR UPDATE OR DELETE ON cameras
  FOR EACH ROW EXECUTE FUNCTION federation_replica_cover();
CREATE TRIGGER federation_replica_cover AFTER INSERT OR UPDATE OR DELETE ON risk_points
  FOR EACH ROW EXECUTE FUNCTION federation_replica_cover();
CREATE TRIGGER federation_replica_feed AFTER INSERT OR UPDATE OR DELETE ON cameras
  FOR EACH ROW EXECUTE FUNCTION feed_version_bump('cameras');
CREATE TRIGGER federation_replica_feed AFTER INSERT OR UPDATE OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION feed_version_bump('cases');
CREATE TRIGGER federation_replica_feed AFTER INSERT OR UPDATE OR DELETE ON risk_points
  FOR EACH ROW EXECUTE FUNCTION feed_version_bump('risk_points');
CREATE TRIGGER federation_replica_neighbours AFTER INSERT OR UPDATE OR DELETE ON grids
  FOR EACH ROW EXECUTE FUNCTION grid_neighbours_mark_stale();

ALTER TABLE cameras ENABLE REPLICA TRIGGER federation_replica_counts;
ALTER TABLE risk_points ENABLE REPLICA TRIGGER federation_replica_counts;
ALTER TABLE case_events ENABLE REPLICA TRIGGER federation_replica_counts;
ALTER TABLE cameras ENABLE REPLICA TRIGGER federation_replica_cover;
ALTER TABLE risk_points ENABLE REPLICA TRIGGER federation_replica_cover;
ALTER TABLE cameras ENABLE REPLICA TRIGGER federation_replica_feed;
ALTER TABLE cases ENABLE REPLICA TRIGGER federation_replica_feed;
ALTER TABLE risk_points ENABLE REPLICA TRIGGER federation_replica_feed;
ALTER TABLE grids ENABLE REPLICA TRIGGER federation_replica_neighbours;

-- Supervision orders (督办): a leader's demand on a unit or a case, with a deadline. Written only
-- where issued: the province's orders replicate down to the one city they concern, a city's own
-- orders up to the province. The code is the target's 12-digit unit (for a case, its village),
-- P (issued at the province) or C (at the city), and a serial, so the two sides never collide.
CREATE TABLE supervision_orders (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}[PC][0-9]{6}$'),
  target_kind text NOT NULL CHECK (target_kind IN ('unit', 'case')),
  target_code text NOT NULL CHECK (target_code ~ '^([0-9]{12}|[0-9]{24})$'),
  target_city text NOT NULL CHECK (target_city ~ '^[0-9]{4}$'),
  issuer_level text NOT NULL CHECK (issuer_level IN ('province', 'city')),
  issued_by text NOT NULL CHECK (btrim(issued_by) <> ''),
  issued_at timestamptz NOT NULL,
  demand text NOT NULL CHECK (btrim(demand) <> '' AND length(demand) <= 2000),
  deadline timestamptz NOT NULL,
  CONSTRAINT supervision_orders_deadline_after_issue CHECK (deadline > issued_at),
  CONSTRAINT supervision_orders_code_matches CHECK (
    left(code, 12) = left(target_code, 12) AND left(target_code, 4) = target_city
    AND substr(code, 13, 1) = CASE issuer_level WHEN 'province' THEN 'P' ELSE 'C' END
    AND ((target_kind = 'unit') = (length(target_code) = 12))
  )
);
-- Row filters of the publications may then use any column.
ALTER TABLE supervision_orders REPLICA IDENTITY FULL;
CREATE INDEX supervision_orders_target_idx ON supervision_orders (target_code);
CREATE INDEX supervision_orders_open_deadline_idx ON supervision_orders (deadline);

-- What the concerned city did with an order: acknowledged, then closed. Written only in that city
-- (so on the province only through replication), one row per step, never changed.
CREATE TABLE supervision_responses (
  order_code text NOT NULL,
  seq smallint NOT NULL CHECK (seq >= 1),
  kind text NOT NULL CHECK (kind IN ('acknowledged', 'closed')),
  responded_by text NOT NULL CHECK (btrim(responded_by) <> ''),
  at timestamptz NOT NULL,
  note text CHECK (note IS NULL OR length(note) <= 2000),
  PRIMARY KEY (order_code, seq),
  -- No foreign key: the order may arrive by replication after (or without) the province's copy.
  CONSTRAINT supervision_responses_code CHECK (order_code ~ '^[0-9]{12}[PC][0-9]{6}$')
);
CREATE UNIQUE INDEX supervision_responses_one_kind_idx ON supervision_responses (order_code, kind);
