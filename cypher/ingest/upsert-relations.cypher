// Upserts one batch of relations of one (from label, type, to label). __FROM__, __TYPE__ and
// __TO__ are replaced from the graph-model whitelist, never from input. An end that is not
// loaded yet becomes a placeholder node (unresolved = true) that a later load resolves. A
// relation whose id moved to other ends is replaced; one whose properties all match is left alone.
UNWIND $rows AS row
OPTIONAL MATCH ()-[old:__TYPE__ {id: row.id}]->()
WITH row, old,
     old IS NOT NULL AND startNode(old).id = row.from AND endNode(old).id = row.to
       AND startNode(old):__FROM__ AND endNode(old):__TO__ AS samePlace
WITH row, old, samePlace,
     samePlace AND all(k IN keys(row.props) WHERE old[k] = row.props[k]) AS same
CALL (old, samePlace) {
  WITH old, samePlace WHERE old IS NOT NULL AND NOT samePlace
  DELETE old
}
MERGE (a:__FROM__ {id: row.from})
  ON CREATE SET a.unresolved = true, a.placeholderIngest = $ingestId
MERGE (b:__TO__ {id: row.to})
  ON CREATE SET b.unresolved = true, b.placeholderIngest = $ingestId
SET a.investigations = reduce(acc = coalesce(a.investigations, []), i IN row.investigations |
      CASE WHEN i IN acc THEN acc ELSE acc + i END),
    b.investigations = reduce(acc = coalesce(b.investigations, []), i IN row.investigations |
      CASE WHEN i IN acc THEN acc ELSE acc + i END)
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
SET r += CASE WHEN same THEN {} ELSE row.props END,
    r.recordedAt = CASE WHEN same THEN r.recordedAt ELSE row.recordedAt END,
    r.history = CASE WHEN same THEN r.history ELSE coalesce(r.history, []) + row.history END,
    r.origin = row.origin,
    r.investigations = reduce(acc = coalesce(r.investigations, []), i IN row.investigations |
      CASE WHEN i IN acc THEN acc ELSE acc + i END)
WITH a, b, row, old, same
CALL (a, b, row) {
  UNWIND row.investigations AS investigationId
  MATCH (i:Investigation {id: investigationId})
  MERGE (a)-[:BELONGS_TO]->(i)
  MERGE (b)-[:BELONGS_TO]->(i)
}
RETURN sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN old IS NOT NULL AND NOT same THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN same THEN 1 ELSE 0 END) AS unchanged,
       collect(DISTINCT CASE WHEN a.unresolved AND a.placeholderIngest = $ingestId THEN a.id END) AS fromPlaceholders,
       collect(DISTINCT CASE WHEN b.unresolved AND b.placeholderIngest = $ingestId THEN b.id END) AS toPlaceholders
