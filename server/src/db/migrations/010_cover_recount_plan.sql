-- Recounting risk point cover (migration 008) without a plan that depends on statistics. In a
-- fresh database being loaded (one transaction, nothing analysed yet) the planner combined the
-- cameras status index with the GiST index on every probe, reading the 230,000 online cameras'
-- index entries per risk point (a city load went from ~80 s to ~6 minutes). Counting online
-- cameras in the aggregate's FILTER leaves the GiST index as the only way in.
CREATE OR REPLACE FUNCTION risk_point_camera_cover_recount(ids text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM risk_point_camera_cover WHERE risk_point_id = ANY (ids);
  INSERT INTO risk_point_camera_cover (risk_point_id, online_cameras)
  SELECT r.id, n.online_cameras
  FROM risk_points r
  CROSS JOIN LATERAL (
    SELECT (count(*) FILTER (WHERE k.status = 'online'))::int AS online_cameras FROM cameras k
    WHERE k.geom && ST_Expand(r.geom, 100 / (111320 * cos(radians(ST_Y(r.geom)))), 100 / 110540.0)
      AND ST_DistanceSphere(k.geom, r.geom) <= 100
  ) n
  WHERE r.id = ANY (ids) AND n.online_cameras > 0
  ORDER BY r.id;
$$;
