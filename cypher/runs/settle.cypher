// How a running run ended (done, failed, cancelled, interrupted), recorded only by the instance
// that still owns it: one whose run was taken over cannot overwrite the new owner's record. The
// read version moves: the newest run of a scope may be this one now (system/read-stamp).
MATCH (r:AnalysisRun {id: $id})
WHERE r.status = 'running' AND r.owner = $owner
SET r += $fields
MERGE (v:ReadVersion {id: 'reads'})
SET v.version = coalesce(v.version, 0) + 1
RETURN r
