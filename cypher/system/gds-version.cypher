// The Graph Data Science library's version (asked only when plugins.cypher lists gds.version).
RETURN gds.version() AS version
