// A page of a run's ranking in rank order, optionally one entity type and one community, and
// how many results match in all.
CALL {
  MATCH (x:AnalysisResult)
  WHERE x.runId = $runId AND x.position >= 0
    AND ($type IS NULL OR x.type = $type)
    AND ($community IS NULL OR x.community = $community)
  RETURN count(x) AS total
}
CALL {
  MATCH (x:AnalysisResult)
  WHERE x.runId = $runId AND x.position >= 0
    AND ($type IS NULL OR x.type = $type)
    AND ($community IS NULL OR x.community = $community)
  WITH x ORDER BY x.position SKIP $offset LIMIT $limit
  RETURN collect(x) AS rows
}
RETURN total, rows
