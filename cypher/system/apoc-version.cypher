// APOC's version (asked only when plugins.cypher lists apoc.version).
RETURN apoc.version() AS version
