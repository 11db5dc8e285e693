// GDS engine: whether the server has the service's own procedure (neo4j/procedures,
// sna-procedures.jar), which the GDS engine's betweenness needs beside GDS itself.
SHOW PROCEDURES YIELD name
WHERE name = 'sna.betweenness.stream'
RETURN count(*) > 0 AS installed
