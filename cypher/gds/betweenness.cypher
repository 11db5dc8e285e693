// GDS engine: betweenness over distance = 1 / strength, exact or sampled; $config from
// src/analysis/gds/config.ts. Raw pair counts: the service normalises them as its own engine does.
CALL gds.betweenness.stream($graph, $config)
YIELD nodeId, score
RETURN nodeId AS node, score AS value
