// How a running run ended (done, failed, cancelled, interrupted), recorded only by the instance
// that still owns it: one whose run was taken over cannot overwrite the new owner's record.
MATCH (r:AnalysisRun {id: $id})
WHERE r.status = 'running' AND r.owner = $owner
SET r += $fields
RETURN r
