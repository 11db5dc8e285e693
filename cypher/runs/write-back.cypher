// Latest scores onto the entities of one label, for Cypher users and graph tools: onto their
// copies in the run's investigations ($investigations; null: all), so a copy carries only
// scores computed from its own investigation's facts among others. A run that finished before
// the one a copy already shows does not overwrite it. __LABEL__ is filled from the graph-model
// whitelist. The read version moves: cached entity views showed the scores before (system/read-stamp).
UNWIND $rows AS row
MATCH (e:__LABEL__ {id: row.id})
WHERE ($investigations IS NULL OR e.investigation IN $investigations)
  AND (e.lastAnalysisAt IS NULL OR e.lastAnalysisAt <= $finishedAt)
SET e.harmScore = row.harmScore, e.harmRank = row.rank, e.communityId = row.community,
    e.lastAnalysis = $runId, e.lastAnalysisAt = $finishedAt
WITH count(e) AS written
MERGE (v:ReadVersion {id: 'reads'})
SET v.version = coalesce(v.version, 0) + 1
RETURN written
