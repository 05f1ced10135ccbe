-- The audit record made tamper-evident (MLPS 2.0 level 3, GB/T 22239-2019 §8.1.4: audit records
-- protected): every row carries the SHA-256 of its canonical fields and of the row before it, so
-- that changing or removing a row breaks the chain from there on (server/src/audit/chain.ts
-- verifies it; `npm run audit -- verify`). Rows are removed only by prune_audit_log(), oldest
-- first, which keeps the hash of the last row it removed as the anchor the chain continues from.
-- The built-in sha256() is used because PGlite has no pgcrypto.

ALTER TABLE audit_log ADD COLUMN prev_hash text, ADD COLUMN hash text;

-- The one row saying where the chain ends (the newest row and its hash) and where it starts
-- (the last row pruning removed, and its hash; the genesis hash of zeros before any pruning).
-- Inserting locks it, so that two transactions never chain to the same row.
CREATE TABLE audit_chain (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  last_id bigint,
  last_hash text NOT NULL,
  anchor_id bigint,
  anchor_hash text NOT NULL
);

-- One field of the canonical text: '-' for null, else its length in UTF-8 bytes, ':' and the text,
-- so that no two rows read the same (server/src/audit/chain.ts builds the same text).
CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
$$;

-- The instant as whole microseconds since the epoch: exact, and the same text in every time zone.
CREATE FUNCTION audit_micros(at timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT ((extract(epoch FROM at) * 1000000)::bigint)::text
$$;

CREATE FUNCTION audit_row_hash(
  prev_hash text, id bigint, at timestamptz, username text, operation text, target text,
  success boolean, outcome text, detail text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', 'v1', prev_hash, id::text, audit_micros(at),
    audit_field(username), audit_field(operation), audit_field(target),
    CASE WHEN success THEN 't' ELSE 'f' END, audit_field(outcome), audit_field(detail)), 'UTF8')), 'hex')
$$;

-- The rows written so far, chained in id order from the genesis hash.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete;
DO $$
DECLARE
  r record;
  prev text := repeat('0', 64);
  last bigint;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    UPDATE audit_log
      SET prev_hash = prev,
          hash = audit_row_hash(prev, r.id, r.at, r.username, r.operation, r.target, r.success, r.outcome, r.detail)
      WHERE id = r.id
      RETURNING hash INTO prev;
    last := r.id;
  END LOOP;
  INSERT INTO audit_chain (last_id, last_hash, anchor_id, anchor_hash) VALUES (last, prev, NULL, repeat('0', 64));
END
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete;
ALTER TABLE audit_log ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;

-- The id is given under the chain's lock, not by the column default: ids then rise in the order
-- the rows join the chain (the lock is held until commit), which is the order verification reads.
ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain%ROWTYPE;
BEGIN
  SELECT * INTO STRICT head FROM audit_chain FOR UPDATE;
  NEW.id := nextval('audit_log_id_seq');
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_row_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.username, NEW.operation, NEW.target,
    NEW.success, NEW.outcome, NEW.detail);
  UPDATE audit_chain SET last_id = NEW.id, last_hash = NEW.hash;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Still append-only, except for the rows prune_audit_log() removes while it runs.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('zongzhi.audit_pruning', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed (rows are removed only by prune_audit_log)', TG_OP;
END
$$;

-- Removes the oldest rows, up to the first one at or after `cutoff` (the rest of the chain is
-- untouched), and makes the last one removed the anchor. Answers how many went and the anchor.
CREATE FUNCTION prune_audit_log(cutoff timestamptz)
RETURNS TABLE (removed bigint, anchor_row bigint, anchor_digest text) LANGUAGE plpgsql AS $$
DECLARE
  keep_from bigint;
  last_removed record;
BEGIN
  PERFORM 1 FROM audit_chain FOR UPDATE;
  SELECT min(l.id) INTO keep_from FROM audit_log l WHERE l.at >= cutoff;
  SELECT l.id, l.hash INTO last_removed FROM audit_log l
    WHERE keep_from IS NULL OR l.id < keep_from ORDER BY l.id DESC LIMIT 1;
  IF last_removed.id IS NULL THEN
    RETURN QUERY SELECT 0::bigint, c.anchor_id, c.anchor_hash FROM audit_chain c;
    RETURN;
  END IF;
  PERFORM set_config('zongzhi.audit_pruning', 'on', true);
  DELETE FROM audit_log l WHERE l.id <= last_removed.id;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('zongzhi.audit_pruning', 'off', true);
  UPDATE audit_chain SET anchor_id = last_removed.id, anchor_hash = last_removed.hash;
  RETURN QUERY SELECT removed, last_removed.id::bigint, last_removed.hash::text;
END
$$;
