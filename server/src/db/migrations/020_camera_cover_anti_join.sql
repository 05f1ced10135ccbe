-- The camera-cover trigger's check for changed ids, as anti-joins. `id NOT IN (SELECT id FROM
-- new_rows)` over transition tables (no index, no statistics) becomes a plain subplan once the
-- ids outgrow work_mem: a quadratic scan, which kept an import updating a city's 250,000
-- cameras from finishing. NOT EXISTS plans as a hash anti-join. Same result: ids are never null.
CREATE OR REPLACE FUNCTION risk_point_camera_cover_cameras() RETURNS trigger LANGUAGE plpgsql AS $$
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
      SELECT o.geom FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
      UNION ALL
      SELECT n.geom FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id)
    ) k JOIN risk_points r
      ON r.geom && ST_Expand(k.geom, 100 / (111320 * cos(radians(ST_Y(k.geom)))), 100 / 110540.0);
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM risk_point_camera_cover_recount(ids);
  END IF;
  RETURN NULL;
END
$$;
