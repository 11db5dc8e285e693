MATCH (r:AnalysisRun {id: $id})
RETURN r
