// One packed part of a run's analysed graph (typed arrays as byte arrays), fenced as
// runs/write-results.cypher. No row: refused.
MATCH (r:AnalysisRun {id: $runId})
WHERE r.status = 'running' AND r.owner = $owner
SET r._fence = $owner
REMOVE r._fence
WITH DISTINCT r
CREATE (a:AnalysisArtefact)
SET a = $artefact
RETURN r.id AS accepted
