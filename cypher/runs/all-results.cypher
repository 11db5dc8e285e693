// Every result of a run in node-index order (the order the packed ties refer to).
MATCH (x:AnalysisResult)
WHERE x.runId = $runId AND x.position >= 0
RETURN x
ORDER BY x.index
