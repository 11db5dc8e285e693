// One batch of a run's per-entity results (the caller's rows carry runId), written only while the
// run is running and still $owner's: the run is locked first, so an instance that lost it to a
// takeover (runs/claim.cypher) cannot write into the new owner's results. No row: refused.
MATCH (r:AnalysisRun {id: $runId})
WHERE r.status = 'running' AND r.owner = $owner
SET r._fence = $owner
REMOVE r._fence
WITH DISTINCT r
CALL {
  UNWIND $rows AS row
  CREATE (x:AnalysisResult)
  SET x = row
}
RETURN r.id AS accepted
