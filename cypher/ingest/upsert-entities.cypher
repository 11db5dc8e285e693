// Upserts one batch of entities of one label. __LABEL__ is replaced from the graph-model
// whitelist, never from input. A row is "unchanged" when every property it carries equals the
// stored one; then nothing is written. A placeholder (created by a relation that named the id
// first) is resolved. Of the relation types whose field the record gives (row.replaces), those
// it named before but no longer names are removed; a field left out leaves its relations alone.
UNWIND $rows AS row
OPTIONAL MATCH (old:__LABEL__ {id: row.id})
WITH row,
     old IS NOT NULL AND NOT coalesce(old.unresolved, false) AS existed,
     coalesce(old.unresolved, false) AS wasPlaceholder,
     old IS NOT NULL AND NOT coalesce(old.unresolved, false)
       AND all(k IN keys(row.props) WHERE old[k] = row.props[k]) AS same
MERGE (n:__LABEL__ {id: row.id})
SET n += CASE WHEN same THEN {} ELSE row.props END,
    n.recordedAt = CASE WHEN same THEN n.recordedAt ELSE row.recordedAt END,
    n.history = CASE WHEN same THEN n.history ELSE coalesce(n.history, []) + row.history END,
    n.unresolved = false,
    n.investigations = reduce(acc = coalesce(n.investigations, []), i IN row.investigations |
      CASE WHEN i IN acc THEN acc ELSE acc + i END)
REMOVE n.placeholderIngest
WITH n, row, existed, wasPlaceholder, same
CALL (n, row) {
  UNWIND row.investigations AS investigationId
  MATCH (i:Investigation {id: investigationId})
  MERGE (n)-[:BELONGS_TO]->(i)
}
CALL (n, row, existed) {
  OPTIONAL MATCH (n)-[r]-()
  WHERE existed AND r.origin = '__LABEL__:' + row.id AND type(r) IN row.replaces AND NOT r.id IN row.relationIds
  DELETE r
  RETURN count(r) AS removed
}
RETURN sum(CASE WHEN NOT existed AND NOT wasPlaceholder THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN wasPlaceholder THEN 1 ELSE 0 END) AS resolved,
       sum(CASE WHEN existed AND NOT same THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN same THEN 1 ELSE 0 END) AS unchanged,
       sum(removed) AS relationsRemoved
