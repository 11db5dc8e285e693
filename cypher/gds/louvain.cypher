// GDS engine: Louvain on the projected graph; $config from src/analytics/gds/config.ts.
CALL gds.louvain.stream($graph, $config)
YIELD nodeId, communityId
WITH gds.util.asNode(nodeId) AS n, communityId
RETURN [l IN labels(n) WHERE l IN ['Person', 'Organisation']][0] AS label, n.id AS id, communityId AS value
