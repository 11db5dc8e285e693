// A page of a run's communities, largest first.
CALL {
  MATCH (c:AnalysisCommunity) WHERE c.runId = $runId AND c.position >= 0
  RETURN count(c) AS total
}
CALL {
  MATCH (c:AnalysisCommunity) WHERE c.runId = $runId AND c.position >= 0
  WITH c ORDER BY c.runId, c.position SKIP $offset LIMIT $limit
  RETURN collect(c) AS rows
}
RETURN total, rows
