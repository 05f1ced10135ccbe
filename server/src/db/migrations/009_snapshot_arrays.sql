-- Index snapshots as number arrays instead of JSON (issue 5, speed). A city publication is
-- 18,000 rows; as jsonb ({key, raw, normalised, weight, contribution} × 11 and 19 named counts,
-- 25 MB of text) writing it took ~2 s, as arrays (5 MB) ~0.3 s. The names move to the
-- publication, once: indicator_keys and indicator_weights give the order of the indicators, and
-- a snapshot's indicator_values holds raw, normalised and contribution of each in that order
-- (3 per indicator); count_keys gives the order of count_values. Rows written before keep their
-- JSON columns (readers take either), so nothing published is rewritten.
ALTER TABLE index_publications
  ADD COLUMN indicator_keys text[],
  ADD COLUMN indicator_weights double precision[],
  ADD COLUMN count_keys text[],
  ADD CONSTRAINT index_publications_weights_per_key CHECK (
    cardinality(indicator_keys) = cardinality(indicator_weights)
  );

ALTER TABLE index_snapshots
  ALTER COLUMN indicators DROP NOT NULL,
  ALTER COLUMN counts DROP NOT NULL,
  ADD COLUMN indicator_values double precision[],
  ADD COLUMN count_values bigint[],
  ADD CONSTRAINT index_snapshots_values_present CHECK (
    (indicators IS NOT NULL AND counts IS NOT NULL)
    OR (indicator_values IS NOT NULL AND count_values IS NOT NULL)
  );
