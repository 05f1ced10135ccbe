-- A register that does not say a camera's physical form: the importer records it as unknown
-- rather than guessing one (docs/importing.md). Appended, so feed dictionary codes stay stable.
ALTER TABLE cameras DROP CONSTRAINT cameras_kind_check;
ALTER TABLE cameras ADD CONSTRAINT cameras_kind_check
  CHECK (kind IN ('bullet', 'dome', 'ptz', 'checkpoint', 'unknown'));
