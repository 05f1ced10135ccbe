-- Feed versions (migration 011) for the case and risk-point feeds too, so a server can keep them
-- encoded between requests as it keeps the camera feed: every wall screen reads all three when it
-- starts and every few minutes after, and building the case feed costs far more than serving it.
-- Any statement that writes cases or risk points raises its feed's version (updates included:
-- a case's status and position are in its feed, and cases change seldom enough per minute).
INSERT INTO feed_versions (layer, version) VALUES ('cases', 0), ('risk_points', 0);

CREATE TRIGGER cases_feed_version_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION feed_version_bump('cases');
CREATE TRIGGER risk_points_feed_version_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON risk_points
  FOR EACH STATEMENT EXECUTE FUNCTION feed_version_bump('risk_points');
