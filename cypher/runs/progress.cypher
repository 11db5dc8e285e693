// A running run's stage and progress; a no-op once it has ended (a late write cannot undo that).
MATCH (r:AnalysisRun {id: $id})
WHERE r.status = 'running'
SET r.stage = $stage, r.progress = $progress
