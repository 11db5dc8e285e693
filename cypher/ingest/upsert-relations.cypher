// Upserts one batch of relations of one (from label, type, to label). __FROM__, __TYPE__ and
// __TO__ are replaced from the graph-model whitelist, never from input. The relation is found
// by its id (a uniqueness constraint indexes it), not by expanding its ends, so busy nodes stay
// cheap. An end that is not loaded yet becomes a placeholder node (unresolved = true) that a
// later load resolves. A relation whose id moved to other ends is replaced; one whose
// properties all match is left alone.
UNWIND $rows AS row
OPTIONAL MATCH (a0)-[old:__TYPE__ {id: row.id}]->(b0)
WITH row, old, a0, b0, coalesce(old.investigations, []) AS oldInvestigations,
     old IS NOT NULL AND a0.id = row.from AND b0.id = row.to AND a0:__FROM__ AND b0:__TO__ AS samePlace
WITH row, old, a0, b0, oldInvestigations, samePlace,
     samePlace AND all(k IN keys(row.props) WHERE coalesce(old[k] = row.props[k], false)) AS same,
     samePlace AND coalesce(all(i IN row.investigations WHERE i IN old.investigations), false) AS sameScope
CALL (old, samePlace) {
  WITH old, samePlace WHERE old IS NOT NULL AND NOT samePlace
  DELETE old
}
CALL (row, old, samePlace, same) {
  WITH row, old WHERE samePlace AND NOT same
  SET old += row.props,
      old.recordedAt = row.recordedAt,
      old.history = coalesce(old.history, []) + row.history
}
OPTIONAL CALL (row, samePlace, sameScope) {
  WITH row, samePlace, sameScope WHERE NOT (samePlace AND sameScope)
  MERGE (a:__FROM__ {id: row.from})
    ON CREATE SET a.unresolved = true, a.placeholderIngest = $ingestId
  MERGE (b:__TO__ {id: row.to})
    ON CREATE SET b.unresolved = true, b.placeholderIngest = $ingestId
  WITH row, samePlace, a, b
  CALL (row, samePlace, a, b) {
    WITH row, a, b WHERE NOT samePlace
    CREATE (a)-[r:__TYPE__ {id: row.id}]->(b)
    SET r += row.props,
        r.recordedAt = row.recordedAt,
        r.history = [row.history],
        r.origin = row.origin,
        r.investigations = row.investigations
  }
  CALL (row, a) {
    WITH row, a, [i IN row.investigations WHERE NOT i IN coalesce(a.investigations, [])] AS joined
    WHERE size(joined) > 0
    SET a.investigations = coalesce(a.investigations, []) + joined
    WITH a, joined
    UNWIND joined AS investigationId
    MATCH (i:Investigation {id: investigationId})
    MERGE (a)-[:BELONGS_TO]->(i)
  }
  CALL (row, b) {
    WITH row, b, [i IN row.investigations WHERE NOT i IN coalesce(b.investigations, [])] AS joined
    WHERE size(joined) > 0
    SET b.investigations = coalesce(b.investigations, []) + joined
    WITH b, joined
    UNWIND joined AS investigationId
    MATCH (i:Investigation {id: investigationId})
    MERGE (b)-[:BELONGS_TO]->(i)
  }
  RETURN CASE WHEN a.unresolved THEN a.id END AS fromPlaceholder,
         CASE WHEN b.unresolved THEN b.id END AS toPlaceholder
}
// Placeholders are reported whoever made them, so a re-sent load lists the same ones.
WITH row, old, oldInvestigations, samePlace, same, sameScope,
     coalesce(fromPlaceholder, CASE WHEN samePlace AND a0.unresolved THEN a0.id END) AS fromPlaceholder,
     coalesce(toPlaceholder, CASE WHEN samePlace AND b0.unresolved THEN b0.id END) AS toPlaceholder
CALL (row, old, samePlace, sameScope) {
  WITH row, old WHERE samePlace AND NOT sameScope
  SET old.investigations = old.investigations + [i IN row.investigations WHERE NOT i IN old.investigations]
}
RETURN sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN old IS NOT NULL AND NOT same THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN same THEN 1 ELSE 0 END) AS unchanged,
       sum(CASE WHEN sameScope THEN 0 ELSE 1 END) AS scopeChanged,
       collect(DISTINCT fromPlaceholder) AS fromPlaceholders,
       collect(DISTINCT toPlaceholder) AS toPlaceholders,
       // The investigations whose data this batch changed (a moved relation's old ones too).
       collect(CASE WHEN old IS NULL OR NOT same OR NOT sameScope THEN row.investigations + oldInvestigations END) AS changedIn
