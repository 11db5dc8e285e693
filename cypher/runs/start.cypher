// Starts a queued run, if it is still this instance's: the run is locked first (the SET), then
// its status and owner read again, so a run another instance took over meanwhile (this one's
// heartbeat having lapsed) is started by that one only. No row: not this instance's to start.
MATCH (r:AnalysisRun {id: $id})
SET r._start = $instance
REMOVE r._start
WITH r
WHERE r.status = 'queued' AND r.owner = $instance
SET r += $fields
RETURN r
