// Sets some of a run's fields (null removes one). The read version moves, so no cached answer
// shows the run as it was (system/read-stamp).
MATCH (r:AnalysisRun {id: $id})
SET r += $fields
MERGE (v:ReadVersion {id: 'reads'})
SET v.version = coalesce(v.version, 0) + 1
RETURN r
