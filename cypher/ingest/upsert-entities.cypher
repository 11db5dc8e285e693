// Upserts one batch of entities of one label. __LABEL__ is replaced from the graph-model
// whitelist, never from input. A node that MERGE has just made holds only its id. A row is
// "unchanged" when every property it carries equals the stored one; then nothing is written.
// A placeholder (made by a relation that named the id first) is resolved. Of the relation
// types whose field the record gives (row.replaces), those it named before but no longer
// names are removed, even when the entity's own properties are unchanged; a field left out
// leaves its relations alone.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
WITH n, row,
     keys(n) = ['id'] AS created,
     coalesce(n.unresolved, false) AS wasPlaceholder,
     [i IN row.investigations WHERE NOT i IN coalesce(n.investigations, [])] AS joined
WITH n, row, created, wasPlaceholder, joined,
     // coalesce: a property the node lacks compares as null, which must count as a difference.
     NOT created AND NOT wasPlaceholder AND all(k IN keys(row.props) WHERE coalesce(n[k] = row.props[k], false)) AS same
CALL (n, row, same) {
  WITH n, row, same WHERE NOT same
  SET n += row.props,
      n.recordedAt = row.recordedAt,
      n.history = coalesce(n.history, []) + row.history,
      n.unresolved = false
  REMOVE n.placeholderIngest
}
CALL (n, joined) {
  WITH n, joined WHERE size(joined) > 0
  SET n.investigations = coalesce(n.investigations, []) + joined
  WITH n, joined
  UNWIND joined AS investigationId
  MATCH (i:Investigation {id: investigationId})
  MERGE (n)-[:BELONGS_TO]->(i)
}
CALL (n, row, created, wasPlaceholder) {
  OPTIONAL MATCH (n)-[r]-()
  WHERE NOT created AND NOT wasPlaceholder AND size(row.replaces) > 0
    AND r.origin = '__LABEL__:' + row.id AND type(r) IN row.replaces AND NOT r.id IN row.relationIds
  DELETE r
  RETURN count(r) AS removed
}
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN wasPlaceholder THEN 1 ELSE 0 END) AS resolved,
       sum(CASE WHEN NOT created AND NOT wasPlaceholder AND NOT same THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN same THEN 1 ELSE 0 END) AS unchanged,
       sum(removed) AS relationsRemoved,
       sum(size(joined)) AS investigationsJoined,
       // The investigations whose data this batch changed: their data versions move.
       collect(CASE WHEN NOT same OR removed > 0 OR size(joined) > 0 THEN n.investigations END) AS changedIn
