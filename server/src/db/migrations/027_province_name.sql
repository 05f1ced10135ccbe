-- The province's name beside its code (docs/federation.md, "The province role"): the province
-- is no row of admin_units (that table holds what the cities publish), so its wall names its
-- home unit from here. Written by `npm run federation -- init-province --name …`.
ALTER TABLE federation_node ADD COLUMN name text CHECK (name IS NULL OR btrim(name) <> '');
ALTER TABLE federation_node ADD CONSTRAINT federation_node_province_named CHECK (role <> 'province' OR name IS NOT NULL);
