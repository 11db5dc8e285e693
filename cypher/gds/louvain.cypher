// GDS engine: Louvain on the projected graph; $config from src/analysis/gds/config.ts.
CALL gds.louvain.stream($graph, $config)
YIELD nodeId, communityId
RETURN nodeId AS node, communityId AS value
