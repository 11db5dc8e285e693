// Bookkeeping for the migration runner itself: one SchemaMigration node per applied file.
CREATE CONSTRAINT schema_migration_id IF NOT EXISTS
FOR (m:SchemaMigration) REQUIRE m.id IS UNIQUE;
