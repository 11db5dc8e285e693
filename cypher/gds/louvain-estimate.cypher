// GDS engine: the memory gds.louvain would need on the projected graph (bytesMax: the upper bound).
CALL gds.louvain.stream.estimate($graph, $config)
YIELD bytesMax, requiredMemory
RETURN bytesMax, requiredMemory
