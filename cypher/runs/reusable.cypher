// A run that already answers the same scope and parameters on the same data: a finished one
// that saw this data version, or one queued or running that was asked for at it.
MATCH (r:AnalysisRun {fingerprint: $fingerprint})
WHERE (r.status = 'done' AND r.dataVersion = $dataVersion)
   OR (r.status IN ['queued', 'running'] AND r.submittedDataVersion = $dataVersion)
RETURN r
ORDER BY r.status = 'done' DESC, r.createdAt DESC
LIMIT 1
