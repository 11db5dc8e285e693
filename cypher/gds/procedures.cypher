// GDS engine: whether the server has the service's own procedures (neo4j/procedures,
// sna-procedures.jar), which the GDS engine needs beside GDS itself: betweenness and closeness
// from given sources, the structure measures computed from the communities, and a stored run's ties.
SHOW PROCEDURES YIELD name
WHERE name IN ['sna.betweenness.stream', 'sna.structure.stream', 'sna.ties.parts', 'sna.ties.strongest']
RETURN count(*) = 4 AS installed
