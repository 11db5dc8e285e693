// GDS engine: betweenness and closeness sums from the sources the service drew ($sources, node
// numbers; null: every node) on the projected graph, by the service's own procedure
// (neo4j/procedures: Brandes over 1 / strength, or hops), so both engines start from the same
// nodes. Unscaled: the service scales them as its own engine does (shortest-paths.ts scalePaths).
CALL sna.betweenness.stream($graph, $sources, $hops)
YIELD nodeId, betweenness, closeness
RETURN nodeId AS node, betweenness, closeness
