// GDS engine: harmonic closeness. GDS counts hops (it takes no weights), unlike the service's
// own engine, which adds up distances of 1 / strength: same name, not the same measure (see
// src/analysis/gds/config.ts). It is not part of the harm score.
CALL gds.closeness.harmonic.stream($graph, $config)
YIELD nodeId, score
RETURN nodeId AS node, score AS value
