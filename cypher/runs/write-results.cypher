// One batch of a run's per-entity results (the caller's rows carry runId).
UNWIND $rows AS row
CREATE (x:AnalysisResult)
SET x = row
