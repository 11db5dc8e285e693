// Every result of a run in node-index order (the order the packed ties refer to), with what an
// export writes: not the components and explanations, which are most of a result's bytes.
MATCH (x:AnalysisResult)
WHERE x.runId = $runId AND x.position >= 0
RETURN x {.key, .type, .entityId, .name, .community, .rank, .harmScore, .degree, .strength, .pagerank,
          .betweenness, .closeness, .eigenvector, .participation, .articulationPoint} AS x
ORDER BY x.index
