-- Grid and micro-grid polygons as GeoJSON geometries (CLOB in Derby, TEXT in PostgreSQL).
CREATE TABLE og_grid_shape (
  code VARCHAR(17) NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  geojson CLOB NOT NULL,
  version BIGINT NOT NULL
);
