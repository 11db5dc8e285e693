// GDS engine: what the service's own engine computes from the ties once it knows the communities
// (communities split into connected parts, modularity, degree, strength, eigenvector,
// participation, articulation points, each node's share of its community's report), by the
// service's own procedure (neo4j/procedures, sna.structure.stream) on the projected graph, from
// Louvain's $labels by node number (little-endian int32 each, as bytes). Per node; the service never reads a tie for these.
CALL sna.structure.stream($graph, $labels, $resolution)
YIELD nodeId, community, degree, strength, eigenvector, participation, communitiesBridged, articulation, separated,
      internalTies, externalTies, internalMoney, bridgesTo, modularity, communities, eigenvectorIterations, eigenvectorConverged
RETURN nodeId AS node, community, degree, strength, eigenvector, participation, communitiesBridged, articulation, separated,
       internalTies, externalTies, internalMoney, bridgesTo, modularity, communities, eigenvectorIterations, eigenvectorConverged
