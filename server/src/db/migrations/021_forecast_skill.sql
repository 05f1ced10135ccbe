-- The forecast's published track record (issue 24): the rolling-origin backtest of a unit,
-- published once per weekly as-of day and horizon beside the baselines. Rows are never changed
-- or removed, as index snapshots are not: a published figure can always be traced, and a
-- backtest that did badly cannot be quietly replaced by one that did better.

-- One row per published backtest: which unit, horizon and as-of day (every scored window
-- closed before its start), what the intervals' own probability was, and who published it.
CREATE TABLE forecast_skill_publications (
  unit_code text COLLATE "C" NOT NULL CHECK (unit_code ~ '^[0-9]{12}$'),
  horizon_days integer NOT NULL CHECK (horizon_days BETWEEN 1 AND 91),
  as_of date NOT NULL,
  origin_count integer NOT NULL CHECK (origin_count >= 1),
  grid_count integer NOT NULL CHECK (grid_count >= 1),
  interval_probability_80 double precision NOT NULL CHECK (interval_probability_80 BETWEEN 0 AND 1),
  interval_probability_95 double precision NOT NULL CHECK (interval_probability_95 BETWEEN 0 AND 1),
  -- [{origin: 'YYYY-MM-DD', actualTotal, expectedTotal}], the first origin first.
  per_origin jsonb NOT NULL CHECK (jsonb_typeof(per_origin) = 'array'),
  published_by text NOT NULL CHECK (btrim(published_by) <> ''),
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, horizon_days, as_of)
);

-- The figures of each forecaster of one publication: the model and the three baselines. A
-- figure is null where it does not apply (Gi* hot spots have no counts) or could not be had
-- (a year of history is missing for the seasonal naive).
CREATE TABLE forecast_skill_snapshots (
  unit_code text COLLATE "C" NOT NULL,
  horizon_days integer NOT NULL,
  as_of date NOT NULL,
  forecaster text NOT NULL
    CHECK (forecaster IN ('model', 'same_weeks_last_year', 'last_four_weeks', 'gi_star_hot_spots')),
  mae double precision CHECK (mae >= 0),
  rmse double precision CHECK (rmse >= 0),
  coverage_80 double precision CHECK (coverage_80 BETWEEN 0 AND 1),
  coverage_95 double precision CHECK (coverage_95 BETWEEN 0 AND 1),
  pai_5 double precision CHECK (pai_5 >= 0),
  pei_5 double precision CHECK (pei_5 >= 0),
  pai_10 double precision CHECK (pai_10 >= 0),
  pei_10 double precision CHECK (pei_10 >= 0),
  PRIMARY KEY (unit_code, horizon_days, as_of, forecaster),
  FOREIGN KEY (unit_code, horizon_days, as_of) REFERENCES forecast_skill_publications
);

CREATE FUNCTION forecast_skill_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed (a published backtest stands)', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER forecast_skill_publications_no_update_or_delete BEFORE UPDATE OR DELETE
  ON forecast_skill_publications FOR EACH ROW EXECUTE FUNCTION forecast_skill_refuse_change();
CREATE TRIGGER forecast_skill_publications_no_truncate BEFORE TRUNCATE
  ON forecast_skill_publications FOR EACH STATEMENT EXECUTE FUNCTION forecast_skill_refuse_change();
CREATE TRIGGER forecast_skill_snapshots_no_update_or_delete BEFORE UPDATE OR DELETE
  ON forecast_skill_snapshots FOR EACH ROW EXECUTE FUNCTION forecast_skill_refuse_change();
CREATE TRIGGER forecast_skill_snapshots_no_truncate BEFORE TRUNCATE
  ON forecast_skill_snapshots FOR EACH STATEMENT EXECUTE FUNCTION forecast_skill_refuse_change();
