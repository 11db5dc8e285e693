// GDS engine: weighted PageRank; $config from src/analysis/gds/config.ts.
CALL gds.pageRank.stream($graph, $config)
YIELD nodeId, score
RETURN nodeId AS node, score AS value
