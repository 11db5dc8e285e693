// GDS engine: projects the scope's ties into an in-memory graph named $graph, computed here by
// gds/people-ties.cypher (pasted in where the subquery names it), so no tie crosses the Bolt
// connection to be projected. Nodes are numbered as the service's projection numbers them: $index
// maps its node keys (`person:P-1`) to their places in its order, 0 … $nodes − 1 (every result
// comes back by that number); people without a tie are lone nodes. A parameter, not a variable:
// Neo4j counts a map carried on every row against the transaction's memory, row by row. A tie with an end
// outside $index (the data changed between the two reads) is left out and counted (unmatched).
// Undirected. strength is the affinity (Louvain) and what shortest paths take 1 / strength of
// (sna.betweenness.stream), as in the service's own engine; money is the tie's money in whole
// units of the reporting currency (sna.structure.stream's community reports). GDS keeps an
// undirected self-loop twice (once each way), where PageRank elsewhere (networkx, the service's)
// counts it once: rankWeight halves it; selfLoops says how many, so the service counts arcs as its
// own engine's CSR does (a self-loop once). For a stored run (sna.ties.parts, sna.ties.strongest),
// kind0 … kind{K−1} count the relations of each of $storedKinds behind the tie (the service puts
// one property per kind in place of the placeholder below, and the tie query's `kinds` column);
// otherwise the tie query answers no kinds (null) and there are none.
CALL {
  UNWIND range(0, $nodes - 1) AS i
  RETURN i AS lo, null AS hi, null AS strength, null AS money, null AS kinds, false AS unmatched
  UNION ALL
  CALL {
    __TIES__
  }
  WITH toInteger($index[toLower(lo[0]) + ':' + lo[1]]) AS lo, toInteger($index[toLower(hi[0]) + ':' + hi[1]]) AS hi, strength, money, kinds
  WITH lo, hi, strength, money, kinds, lo IS NULL OR hi IS NULL AS unmatched
  // An unmatched tie is counted, and projected as node 0 alone (already there: nothing changes).
  WHERE NOT unmatched OR $nodes > 0
  RETURN CASE WHEN unmatched THEN 0 ELSE lo END AS lo, CASE WHEN unmatched THEN null ELSE hi END AS hi, strength, money, kinds, unmatched
}
WITH gds.graph.project($graph, lo, hi,
       CASE WHEN hi IS NULL THEN {} ELSE {relationshipProperties: {strength: strength, money: toFloat(money),
                                                        rankWeight: CASE WHEN lo = hi THEN strength / 2 ELSE strength END
                                                        __KIND_PROPERTIES__}} END,
       {undirectedRelationshipTypes: ['*']}) AS g,
     count(CASE WHEN lo = hi THEN 1 END) AS selfLoops,
     count(CASE WHEN unmatched THEN 1 END) AS unmatched
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships, selfLoops, unmatched, g.projectMillis AS millis
