MATCH (x:AnalysisResult)
WHERE x.runId = $runId AND x.key = $key
RETURN x
