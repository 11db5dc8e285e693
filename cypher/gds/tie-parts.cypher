// GDS engine, a stored run: the projected graph's ties packed as the run keeps them (runs/result-rows.ts
// packTies: ends, strength, money and relations per kind as little-endian byte arrays, $perPart
// ties a part, in the canonical order), by the service's own procedure (neo4j/procedures,
// sna.ties.parts) from the graph projected with $kinds kind properties. The service writes each
// part as it comes and keeps none: no tie is read into it.
CALL sna.ties.parts($graph, $kinds, $perPart)
YIELD part, ties, source, target, strength, money, kindCount
RETURN part, ties, source, target, strength, money, kindCount
