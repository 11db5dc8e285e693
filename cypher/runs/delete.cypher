// Deletes a run's own node (its results first, with delete-results). The read version moves, so
// no instance answers the run's pages from its cache any more (system/read-stamp).
MATCH (r:AnalysisRun {id: $id})
DELETE r
MERGE (v:ReadVersion {id: 'reads'})
SET v.version = coalesce(v.version, 0) + 1
RETURN count(*) AS deleted
