// GDS engine: whether the server has the service's own procedures (neo4j/procedures,
// sna-procedures.jar), which the GDS engine needs beside GDS itself: betweenness and closeness
// from given sources, and the structure measures computed from the communities.
SHOW PROCEDURES YIELD name
WHERE name IN ['sna.betweenness.stream', 'sna.structure.stream']
RETURN count(*) = 2 AS installed
