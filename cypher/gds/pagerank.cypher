// GDS engine: weighted PageRank; $config from src/analytics/gds/config.ts.
CALL gds.pageRank.stream($graph, $config)
YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS n, score
RETURN [l IN labels(n) WHERE l IN ['Person', 'Organisation']][0] AS label, n.id AS id, score AS value
