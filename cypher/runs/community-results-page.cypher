// A page of one community's members in rank order, optionally one entity type, and how many
// there are: by the (runId, community, position) index, in its order.
CALL {
  MATCH (x:AnalysisResult)
  WHERE x.runId = $runId AND x.community = $community AND x.position >= 0 AND ($type IS NULL OR x.type = $type)
  RETURN count(x) AS total
}
CALL {
  MATCH (x:AnalysisResult)
  WHERE x.runId = $runId AND x.community = $community AND x.position >= 0 AND ($type IS NULL OR x.type = $type)
  WITH x ORDER BY x.runId, x.community, x.position SKIP $offset LIMIT $limit
  RETURN collect(x) AS rows
}
RETURN total, rows
