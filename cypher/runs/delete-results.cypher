// Deletes up to $limit of a run's stored results (results, communities, artefacts); called
// until it deletes none, so no transaction holds a whole large run.
CALL {
  MATCH (x:AnalysisResult {runId: $runId}) RETURN x LIMIT $limit
  UNION
  MATCH (x:AnalysisCommunity {runId: $runId}) RETURN x LIMIT $limit
  UNION
  MATCH (x:AnalysisArtefact {runId: $runId}) RETURN x LIMIT $limit
}
WITH x LIMIT $limit
DETACH DELETE x
RETURN count(*) AS deleted
