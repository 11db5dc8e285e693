MATCH (c:AnalysisCommunity)
WHERE c.runId = $runId AND c.id = $id
RETURN c
