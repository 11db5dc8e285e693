// Upserts one batch of relations of one (from label, type, to label). __FROM__, __TYPE__ and
// __TO__ are replaced from the graph-model whitelist, never from input. A relation is stored
// once per investigation it is loaded under (schema/006), between that investigation's copies
// of its ends, and found by (id, investigation) (a uniqueness constraint indexes it), not by
// expanding its ends, so busy nodes stay cheap. An end this investigation has not loaded yet
// becomes a placeholder copy (unresolved = true) that a later load resolves, whether or not
// another investigation knows the id. A relation whose id moved to other ends is replaced; one
// whose properties all match is left alone.
UNWIND $rows AS row
UNWIND row.investigations AS investigation
OPTIONAL MATCH (a0)-[old:__TYPE__ {id: row.id, investigation: investigation}]->(b0)
WITH row, investigation, old, a0, b0,
     old IS NOT NULL AND a0.id = row.from AND b0.id = row.to AND a0:__FROM__ AND b0:__TO__ AS samePlace
WITH row, investigation, old, a0, b0, samePlace,
     samePlace AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], false)) AS same
CALL (old, samePlace) {
  WITH old, samePlace WHERE old IS NOT NULL AND NOT samePlace
  DELETE old
}
CALL (row, old, samePlace, same) {
  WITH row, old WHERE samePlace AND NOT same
  SET old += row.props,
      old.recordedAt = row.recordedAt,
      old.history = coalesce(old.history, []) + row.history,
      old.contentHash = row.hash
}
// A relation written before contentHash existed learns the record's digest (relation-states).
CALL (row, old, same) {
  WITH row, old WHERE same AND coalesce(old.contentHash <> row.hash, true)
  SET old.contentHash = row.hash
}
OPTIONAL CALL (row, investigation, samePlace) {
  WITH row, investigation WHERE NOT samePlace
  MERGE (a:__FROM__ {id: row.from, investigation: investigation})
    ON CREATE SET a.unresolved = true, a.placeholderIngest = $ingestId
  WITH row, investigation, a, a.investigations IS NULL AS aNew
  MERGE (b:__TO__ {id: row.to, investigation: investigation})
    ON CREATE SET b.unresolved = true, b.placeholderIngest = $ingestId
  WITH row, investigation, a, aNew, b, b.investigations IS NULL AS bNew
  CALL (a, aNew, investigation) {
    WITH a, investigation WHERE aNew
    SET a.investigations = [investigation]
    WITH a, investigation
    MATCH (i:Investigation {id: investigation})
    MERGE (a)-[:BELONGS_TO]->(i)
    WITH a
    MATCH (other:__FROM__ {id: a.id})
    WHERE other <> a
    SET other.shared = true, a.shared = true
  }
  CALL (b, bNew, investigation) {
    WITH b, investigation WHERE bNew
    SET b.investigations = [investigation]
    WITH b, investigation
    MATCH (i:Investigation {id: investigation})
    MERGE (b)-[:BELONGS_TO]->(i)
    WITH b
    MATCH (other:__TO__ {id: b.id})
    WHERE other <> b
    SET other.shared = true, b.shared = true
  }
  CREATE (a)-[r:__TYPE__ {id: row.id, investigation: investigation}]->(b)
  SET r += row.props,
      r.recordedAt = row.recordedAt,
      r.history = [row.history],
      r.origin = row.origin,
      r.investigations = [investigation],
      r.contentHash = row.hash
  WITH a, b, r
  CALL (r) {
    // Copies elsewhere are marked, never read: the flag only tells a multi-investigation analysis to merge by id.
    MATCH ()-[other:__TYPE__ {id: r.id}]->()
    WHERE other <> r
    SET other.shared = true, r.shared = true
  }
  RETURN CASE WHEN a.unresolved THEN a.id END AS fromPlaceholder,
         CASE WHEN b.unresolved THEN b.id END AS toPlaceholder
}
// Placeholders are reported whoever made them, so a re-sent load lists the same ones.
WITH row, investigation, old, same,
     coalesce(fromPlaceholder, CASE WHEN samePlace AND a0.unresolved THEN a0.id END) AS fromPlaceholder,
     coalesce(toPlaceholder, CASE WHEN samePlace AND b0.unresolved THEN b0.id END) AS toPlaceholder
// One outcome per record, from its own copies: created when every copy is new; otherwise
// updated or unchanged by the copies that were there, the new ones counted as a scope change.
WITH row, collect({investigation: investigation, isNew: old IS NULL, same: same}) AS copies,
     collect(fromPlaceholder) AS fromPlaceholders, collect(toPlaceholder) AS toPlaceholders
WITH row, copies, fromPlaceholders, toPlaceholders,
     all(c IN copies WHERE c.isNew) AS created,
     all(c IN copies WHERE c.isNew OR c.same) AS same
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND NOT same THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN NOT created AND same THEN 1 ELSE 0 END) AS unchanged,
       sum(CASE WHEN created THEN 0 ELSE size([c IN copies WHERE c.isNew]) END) AS scopeChanged,
       // An id may repeat (one per copy): the loader keeps them in a set.
       reduce(acc = [], xs IN collect(fromPlaceholders) | acc + xs) AS fromPlaceholders,
       reduce(acc = [], xs IN collect(toPlaceholders) | acc + xs) AS toPlaceholders,
       // The investigations whose data this batch changed (a moved relation's too).
       collect([c IN copies WHERE c.isNew OR NOT c.same | c.investigation]) AS changedIn
