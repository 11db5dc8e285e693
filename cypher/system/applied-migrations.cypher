MATCH (m:SchemaMigration)
RETURN m.id AS id, m.checksum AS checksum, toString(m.appliedAt) AS appliedAt
ORDER BY m.id
