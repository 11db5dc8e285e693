// The newest finished run over exactly these investigations.
MATCH (r:AnalysisRun {investigationsKey: $investigationsKey})
WHERE r.status = 'done'
RETURN r
ORDER BY r.finishedAt DESC, r.id DESC
LIMIT 1
