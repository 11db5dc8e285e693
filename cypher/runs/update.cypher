// Sets some of a run's fields (null removes one).
MATCH (r:AnalysisRun {id: $id})
SET r += $fields
RETURN r
