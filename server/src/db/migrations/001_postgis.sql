-- PostGIS is the spatial engine on both drivers (PGlite's bundled build and a server's).
CREATE EXTENSION IF NOT EXISTS postgis;
