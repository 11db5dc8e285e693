MATCH (a:AnalysisArtefact)
WHERE a.runId = $runId AND a.part >= 0
RETURN a
ORDER BY a.part
