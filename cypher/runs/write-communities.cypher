// One batch of a run's community reports, fenced as runs/write-results.cypher. No row: refused.
MATCH (r:AnalysisRun {id: $runId})
WHERE r.status = 'running' AND r.owner = $owner
SET r._fence = $owner
REMOVE r._fence
WITH DISTINCT r
CALL {
  UNWIND $rows AS row
  CREATE (c:AnalysisCommunity)
  SET c = row
}
RETURN r.id AS accepted
