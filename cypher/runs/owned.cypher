// Which of the runs an instance is working on are still its own (another instance takes a run
// over when this one's heartbeat lapses; this one then stops its copy).
UNWIND $ids AS id
MATCH (r:AnalysisRun {id: id})
WHERE r.owner = $instance
RETURN collect(r.id) AS ids
