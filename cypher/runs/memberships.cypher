// Every result of a run, light: what a comparison of two runs and an export need.
MATCH (x:AnalysisResult)
WHERE x.runId = $runId AND x.position >= 0
RETURN x.key AS key, x.name AS name, x.type AS type, x.rank AS rank, x.harmScore AS harmScore,
       x.community AS community, x.position AS position, x.index AS index
ORDER BY x.position
