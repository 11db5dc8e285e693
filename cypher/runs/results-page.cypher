// A page of a run's ranking in rank order, optionally one entity type, and how many results
// match in all. Ordered by the (runId, position) index itself: a page reads its offset's index
// entries and its own nodes, not the whole run.
CALL {
  MATCH (x:AnalysisResult)
  WHERE x.runId = $runId AND x.position >= 0 AND ($type IS NULL OR x.type = $type)
  RETURN count(x) AS total
}
CALL {
  MATCH (x:AnalysisResult)
  WHERE x.runId = $runId AND x.position >= 0 AND ($type IS NULL OR x.type = $type)
  WITH x ORDER BY x.runId, x.position SKIP $offset LIMIT $limit
  RETURN collect(x) AS rows
}
RETURN total, rows
