// Latest scores onto the entities of one label, for Cypher users and graph tools. A run that
// finished before the one an entity already shows does not overwrite it. __LABEL__ is filled
// from the graph-model whitelist.
UNWIND $rows AS row
MATCH (e:__LABEL__ {id: row.id})
WHERE e.lastAnalysisAt IS NULL OR e.lastAnalysisAt <= $finishedAt
SET e.harmScore = row.harmScore, e.harmRank = row.rank, e.communityId = row.community,
    e.lastAnalysis = $runId, e.lastAnalysisAt = $finishedAt
RETURN count(e) AS written
