// A run the caller may see (as get.cypher) and the version of its scope's data now: the newest
// of its investigations' (the database's for a run over everything). One round trip for every
// read of a run's results.
MATCH (r:AnalysisRun {id: $id})
WHERE ($allowed IS NULL OR (size(r.scopeInvestigations) > 0 AND all(i IN r.scopeInvestigations WHERE i IN $allowed)))
OPTIONAL MATCH (v:DataVersion {id: 'current'})
OPTIONAL MATCH (s:DataVersion) WHERE s.id IN [i IN r.scopeInvestigations | 'investigation:' + i]
WITH r, coalesce(v.version, 0) AS version, coalesce(max(s.version), 0) AS newest
RETURN r, CASE WHEN size(r.scopeInvestigations) = 0 THEN version ELSE newest END AS scopeVersion
