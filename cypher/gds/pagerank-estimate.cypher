// GDS engine: the memory gds.pageRank would need on the projected graph (bytesMax: the upper bound).
CALL gds.pageRank.stream.estimate($graph, $config)
YIELD bytesMax, requiredMemory
RETURN bytesMax, requiredMemory
