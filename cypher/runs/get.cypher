// A run, if the caller may see it: $allowed (null: all) must hold every investigation of its
// scope; a run over everything is only for callers who see everything.
MATCH (r:AnalysisRun {id: $id})
WHERE ($allowed IS NULL OR (size(r.scopeInvestigations) > 0 AND all(i IN r.scopeInvestigations WHERE i IN $allowed)))
RETURN r
