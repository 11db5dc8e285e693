// History, newest first; both filters optional. A run's scopeInvestigations are its scope's
// (empty for all); only runs the caller may see ($allowed, as in get.cypher).
CALL {
  MATCH (r:AnalysisRun)
  WHERE ($status IS NULL OR r.status IN $status) AND ($investigation IS NULL OR $investigation IN r.scopeInvestigations)
    AND ($allowed IS NULL OR (size(r.scopeInvestigations) > 0 AND all(i IN r.scopeInvestigations WHERE i IN $allowed)))
  RETURN count(r) AS total
}
CALL {
  MATCH (r:AnalysisRun)
  WHERE ($status IS NULL OR r.status IN $status) AND ($investigation IS NULL OR $investigation IN r.scopeInvestigations)
    AND ($allowed IS NULL OR (size(r.scopeInvestigations) > 0 AND all(i IN r.scopeInvestigations WHERE i IN $allowed)))
  WITH r ORDER BY r.createdAt DESC, r.id DESC SKIP $offset LIMIT $limit
  RETURN collect(r) AS rows
}
RETURN total, rows
