// A new run, queued. Its JSON-valued fields (scope, parameters, summary, …) are strings.
CREATE (r:AnalysisRun)
SET r = $run
RETURN r
