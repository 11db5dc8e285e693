// GDS engine: projects the ties of gds/people-ties.cypher (pasted in where the subquery names it) into an
// in-memory graph named $graph, undirected, with the people in scope who have no tie as lone
// nodes. strength is the affinity (Louvain); distance = 1 / strength is what shortest paths add
// up (betweenness), as in the service's own engine. GDS keeps an undirected self-loop twice (once
// each way), where PageRank elsewhere (networkx, the service's) counts it once: rankWeight halves
// it, so PageRank agrees.
CALL {
  CALL {
    __TIES__
  }
  RETURN lo, hi, strength
  UNION ALL
  MATCH (n:Person|Organisation)
  WHERE ($investigations IS NULL OR any(i IN coalesce(n.investigations, []) WHERE i IN $investigations))
    AND (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
    AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
  RETURN n AS lo, null AS hi, null AS strength
}
WITH gds.graph.project($graph, lo, hi,
       CASE WHEN hi IS NULL THEN {} ELSE {relationshipProperties: {strength: strength, distance: 1.0 / strength,
                                                        rankWeight: CASE WHEN lo = hi THEN strength / 2 ELSE strength END}} END,
       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships, g.projectMillis AS millis
