// History, newest first; both filters optional. A run's investigations are its scope's
// (empty for all).
CALL {
  MATCH (r:AnalysisRun)
  WHERE ($status IS NULL OR r.status IN $status) AND ($investigation IS NULL OR $investigation IN r.investigations)
  RETURN count(r) AS total
}
CALL {
  MATCH (r:AnalysisRun)
  WHERE ($status IS NULL OR r.status IN $status) AND ($investigation IS NULL OR $investigation IN r.investigations)
  WITH r ORDER BY r.createdAt DESC, r.id DESC SKIP $offset LIMIT $limit
  RETURN collect(r) AS rows
}
RETURN total, rows
