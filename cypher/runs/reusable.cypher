// A run that already answers the same scope and parameters on the same data: a finished one
// that saw this version of its scope's data, or one queued or running that was asked for at it.
MATCH (r:AnalysisRun {fingerprint: $fingerprint})
WHERE (r.status = 'done' AND r.scopeVersion = $scopeVersion)
   OR (r.status IN ['queued', 'running'] AND r.submittedScopeVersion = $scopeVersion)
RETURN r
ORDER BY r.status = 'done' DESC, r.createdAt DESC
LIMIT 1
