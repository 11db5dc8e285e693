// Every result of a run with its node index (what the packed ties refer to) and what an export
// writes: not the components and explanations, which are most of a result's bytes. Sorted by
// the stored property: the projected map is returned, so the order must not be asked of it.
MATCH (x:AnalysisResult)
WHERE x.runId = $runId AND x.position >= 0
WITH x ORDER BY x.index
RETURN x {.index, .key, .type, .entityId, .name, .community, .rank, .harmScore, .degree, .strength, .pagerank,
          .betweenness, .closeness, .eigenvector, .participation, .articulationPoint, .records} AS x
