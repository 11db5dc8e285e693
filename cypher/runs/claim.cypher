// Takes over unfinished runs nobody is working on: those of instances that stopped (no
// heartbeat node: interrupted runs at once, others once they are older than $staleBefore, so a
// run asked for before its instance's first heartbeat is not taken) or whose heartbeat expired
// before $now, and this instance's own that it is not running or holding in its queue
// ($active; left behind by a database outage). Each run is
// locked first (the SET), and its owner read again after, so two instances claiming at once
// cannot both get it.
MATCH (r:AnalysisRun)
WHERE r.status IN ['queued', 'running', 'interrupted'] AND NOT r.id IN $active
SET r._claim = $instance
REMOVE r._claim
WITH r
OPTIONAL MATCH (i:ServiceInstance {id: r.owner})
WITH r, i
WHERE r.owner = $instance
   OR (i IS NULL AND (r.status = 'interrupted' OR r.createdAt < $staleBeforeTime))
   OR i.expiresAt < $now
SET r.owner = $instance
WITH r ORDER BY r.createdAt, r.id
RETURN r
