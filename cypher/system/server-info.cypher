CALL dbms.components() YIELD name, versions, edition
WITH name, versions, edition
CALL () {
  MATCH (n) RETURN count(n) AS nodes
}
CALL () {
  MATCH ()-[r]->() RETURN count(r) AS relationships
}
RETURN name, versions[0] AS version, edition, nodes, relationships
