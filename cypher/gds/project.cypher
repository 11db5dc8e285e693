// GDS engine: projects the scope's ties into an in-memory graph named $graph, computed here by
// gds/people-ties.cypher (pasted in where the subquery names it), so no tie crosses the Bolt
// connection to be projected. Nodes are numbered as the service's projection numbers them: $index
// maps its node keys (`person:P-1`) to their places in its order, 0 … $nodes − 1 (every result
// comes back by that number); people without a tie are lone nodes. A parameter, not a variable:
// Neo4j counts a map carried on every row against the transaction's memory, row by row. A tie with an end
// outside $keys (the data changed between the two reads) is left out. Undirected. strength is the
// affinity (Louvain) and what shortest paths take 1 / strength of (sna.betweenness.stream), as in
// the service's own engine. GDS keeps an undirected self-loop twice (once each way), where
// PageRank elsewhere (networkx, the service's) counts it once: rankWeight halves it; selfLoops says
// how many, so the service counts arcs as its own engine's CSR does (a self-loop once).
CALL {
  UNWIND range(0, $nodes - 1) AS i
  RETURN i AS lo, null AS hi, null AS strength
  UNION ALL
  CALL {
    __TIES__
  }
  WITH toInteger($index[toLower(lo[0]) + ':' + lo[1]]) AS lo, toInteger($index[toLower(hi[0]) + ':' + hi[1]]) AS hi, strength
  WHERE lo IS NOT NULL AND hi IS NOT NULL
  RETURN lo, hi, strength
}
WITH gds.graph.project($graph, lo, hi,
       CASE WHEN hi IS NULL THEN {} ELSE {relationshipProperties: {strength: strength,
                                                        rankWeight: CASE WHEN lo = hi THEN strength / 2 ELSE strength END}} END,
       {undirectedRelationshipTypes: ['*']}) AS g,
     count(CASE WHEN lo = hi THEN 1 END) AS selfLoops
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships, selfLoops, g.projectMillis AS millis
