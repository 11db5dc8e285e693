// GDS engine: betweenness over distance = 1 / strength, exact or sampled; $config from
// src/analytics/gds/config.ts. Raw pair counts: the service normalises them as its own engine does.
CALL gds.betweenness.stream($graph, $config)
YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS n, score
RETURN [l IN labels(n) WHERE l IN ['Person', 'Organisation']][0] AS label, n.id AS id, score AS value
