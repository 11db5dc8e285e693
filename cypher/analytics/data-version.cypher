// The data versions an analysis saw (0 before the first load): the database's, and its
// scope's, the newest of its investigations' (the database's when the scope is everything).
// Read in the projection's transaction.
OPTIONAL MATCH (v:DataVersion {id: 'current'})
WITH coalesce(v.version, 0) AS version
OPTIONAL MATCH (s:DataVersion)
WHERE $investigations IS NOT NULL AND s.id IN [i IN $investigations | 'investigation:' + i]
RETURN version, CASE WHEN $investigations IS NULL THEN version ELSE coalesce(max(s.version), 0) END AS scopeVersion
