// GDS engine: projects the scope's ties, as the service read them from gds/tie-rows.cypher, into an
// in-memory graph named $graph: undirected, nodes numbered as the service's projection numbers
// them (0 … $nodes − 1, so every result comes back by that number), people without a tie as lone
// nodes. The ties are computed once, in Neo4j; they come back here as three lists. strength is
// the affinity (Louvain); distance = 1 / strength is what shortest paths add up (betweenness), as
// in the service's own engine. GDS keeps an undirected self-loop twice (once each way), where
// PageRank elsewhere (networkx, the service's) counts it once: rankWeight halves it.
CALL {
  UNWIND range(0, size($source) - 1) AS t
  RETURN toInteger($source[t]) AS lo, toInteger($target[t]) AS hi, $strength[t] AS strength
  UNION ALL
  UNWIND range(0, $nodes - 1) AS i
  RETURN i AS lo, null AS hi, null AS strength
}
WITH gds.graph.project($graph, lo, hi,
       CASE WHEN hi IS NULL THEN {} ELSE {relationshipProperties: {strength: strength, distance: 1.0 / strength,
                                                        rankWeight: CASE WHEN lo = hi THEN strength / 2 ELSE strength END}} END,
       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships, g.projectMillis AS millis
