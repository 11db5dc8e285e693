// GDS engine: the memory gds.betweenness would need on the projected graph (bytesMax: the upper bound).
CALL gds.betweenness.stream.estimate($graph, $config)
YIELD bytesMax, requiredMemory
RETURN bytesMax, requiredMemory
