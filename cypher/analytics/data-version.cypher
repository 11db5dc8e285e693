// The data version an analysis saw (0 before the first load), read in the projection's transaction.
OPTIONAL MATCH (v:DataVersion {id: 'current'})
RETURN coalesce(v.version, 0) AS version
