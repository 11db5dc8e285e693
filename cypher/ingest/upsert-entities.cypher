// Upserts one batch of entities of one label. __LABEL__ is replaced from the graph-model
// whitelist, never from input. An entity is stored once per investigation it is loaded under
// (schema/006): each record writes its load's investigations' copies and nothing else, so
// what it reports depends on those copies only, never on whether the id is known elsewhere.
// A copy that MERGE has just made holds only its keys. A copy is "unchanged" when every
// property the record carries equals the stored one; then nothing is written. A placeholder
// (made by a relation that named the id first) is resolved. Of the relation types whose field
// the record gives (row.replaces), those it named before but no longer names are removed, even
// when the entity's own properties are unchanged; a field left out leaves its relations alone.
UNWIND $rows AS row
UNWIND row.investigations AS investigation
MERGE (n:__LABEL__ {id: row.id, investigation: investigation})
WITH n, row, investigation,
     n.investigations IS NULL AS created,
     coalesce(n.unresolved, false) AS wasPlaceholder
WITH n, row, investigation, created, wasPlaceholder,
     // coalesce: a property the node lacks compares as null, which must count as a difference.
     NOT created AND NOT wasPlaceholder AND all(k IN keys(row.props) WHERE coalesce(n[k] = row.props[k], false)) AS same
CALL (n, row, same) {
  WITH n, row, same WHERE NOT same
  SET n += row.props,
      n.recordedAt = row.recordedAt,
      n.history = coalesce(n.history, []) + row.history,
      n.unresolved = false,
      n.contentHash = row.hash
  REMOVE n.placeholderIngest
  // Identifier keys (schema/007): the record's replace the stored ones of the fields it gives,
  // the others stay. searchText is rebuilt from everything the copy now holds, so a record
  // that leaves aliases or phones out keeps them findable.
  WITH n, row, [k IN coalesce(n.identifierKeys, []) WHERE NOT split(k, ':')[0] IN row.keyKinds] + row.identifierKeys AS keys
  SET n.identifierKeys = reduce(kept = [], k IN keys | CASE WHEN k IN kept THEN kept ELSE kept + k END)
  WITH n, row
  SET n.searchText = reduce(text = n.id, field IN row.textFields |
        reduce(t = text, value IN CASE WHEN n[field] IS NULL THEN [] WHEN n[field] IS :: LIST<ANY> THEN n[field] ELSE [n[field]] END | t + ' | ' + toString(value)))
      + reduce(t = '', k IN n.identifierKeys | t + ' | ' + k)
}
// A copy written before contentHash existed, or by a record that gave fewer fields, learns
// this record's digest, so the record is found unchanged by entity-states next time.
CALL (n, row, same) {
  WITH n, row WHERE same AND coalesce(n.contentHash <> row.hash, true)
  SET n.contentHash = row.hash
}
CALL (n, investigation, created) {
  WITH n, investigation WHERE created
  SET n.investigations = [investigation]
  WITH n, investigation
  MATCH (i:Investigation {id: investigation})
  MERGE (n)-[:BELONGS_TO]->(i)
  WITH n
  // Copies elsewhere are marked, never read: the flag only tells a multi-investigation analysis to merge by id.
  MATCH (other:__LABEL__ {id: n.id})
  WHERE other <> n
  SET other.shared = true, n.shared = true
}
CALL (n, row, created, wasPlaceholder) {
  OPTIONAL MATCH (n)-[r]-()
  WHERE NOT created AND NOT wasPlaceholder AND size(row.replaces) > 0
    AND r.origin = '__LABEL__:' + row.id AND type(r) IN row.replaces AND NOT r.id IN row.relationIds
  DELETE r
  RETURN count(r) AS removed
}
// One outcome per record, from its own copies: created when every copy is new; otherwise
// resolved, updated or unchanged by the copies that were there, the new ones counted as joined.
WITH row, collect({investigation: investigation, created: created, placeholder: wasPlaceholder, same: same, removed: removed}) AS copies
WITH row, copies,
     all(c IN copies WHERE c.created) AS created,
     any(c IN copies WHERE c.placeholder) AS resolved,
     all(c IN copies WHERE c.created OR c.same) AS same,
     reduce(s = 0, c IN copies | s + c.removed) AS removed
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND resolved THEN 1 ELSE 0 END) AS resolved,
       sum(CASE WHEN NOT created AND NOT resolved AND NOT same THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT created AND NOT resolved AND same THEN 1 ELSE 0 END) AS unchanged,
       sum(removed) AS relationsRemoved,
       sum(CASE WHEN created THEN 0 ELSE size([c IN copies WHERE c.created]) END) AS investigationsJoined,
       // The investigations whose data this batch changed: their data versions move.
       collect([c IN copies WHERE c.created OR c.placeholder OR NOT c.same OR c.removed > 0 | c.investigation]) AS changedIn
