// Deletes a run's own node (its results first, with delete-results).
MATCH (r:AnalysisRun {id: $id})
DELETE r
RETURN count(*) AS deleted
