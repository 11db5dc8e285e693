// Search among the copies of the investigations the caller may see ($allowed; null: all): by
// words ($query, full-text index entity_search over names, aliases and identifiers, see
// schema/002), by exact identifier keys ($keys, a Lucene query over the keyword index
// entity_identifiers, schema/007), or by the filters alone. Filters: $label, $investigation
// (one id; one the caller may not see holds nothing here, as an unknown one), $role (people).
// A copy indexes only what its own investigation loaded, so another investigation's alias or
// phone finds nothing. One hit per entity at its best score; a page's hits then merge every
// copy the caller may see and carry the entity's rank in the newest finished run the caller
// may see that ranked it.
CALL () {
  WITH 1 AS words WHERE $query IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
  RETURN node, score
  UNION
  WITH 1 AS exact WHERE $keys IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_identifiers', $keys) YIELD node, score
  RETURN node, score
  UNION
  MATCH (node)-[:BELONGS_TO]->(:Investigation {id: $investigation})
  WHERE $query IS NULL AND $keys IS NULL
  RETURN node, 1.0 AS score
  UNION
  MATCH (node:$(coalesce($label, 'Person')))
  WHERE $label IS NOT NULL AND $query IS NULL AND $keys IS NULL AND $investigation IS NULL
  RETURN node, 1.0 AS score
}
WITH node, score
WHERE ($label IS NULL OR $label IN labels(node))
  AND ($allowed IS NULL OR node.investigation IN $allowed)
  AND ($investigation IS NULL OR node.investigation = $investigation)
  AND ($role IS NULL OR $role IN coalesce(node.roles, []))
WITH labels(node)[0] AS label, node.id AS id, max(score) AS score
ORDER BY score DESC, id, label
WITH collect({label: label, id: id, score: score}) AS hits
WITH size(hits) AS total, hits[$offset..$offset + $limit] AS page
UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS hit
CALL (hit) {
  MATCH (c:$(coalesce(hit.label, 'Person')) {id: hit.id})
  WHERE hit IS NOT NULL AND ($allowed IS NULL OR c.investigation IN $allowed)
  WITH c ORDER BY c.recordedAt IS NULL, c.recordedAt DESC, c.investigation
  RETURN collect(c) AS copies
}
WITH total, hit, copies,
     COLLECT {
       MATCH (x:AnalysisResult {key: toLower(hit.label) + ':' + hit.id})
       WHERE x.rank IS NOT NULL
       MATCH (r:AnalysisRun {id: x.runId})
       WHERE r.status = 'done' AND ($allowed IS NULL OR (size(r.scopeInvestigations) > 0 AND all(i IN r.scopeInvestigations WHERE i IN $allowed)))
       RETURN {rank: x.rank, score: x.harmScore, runId: r.id} ORDER BY r.finishedAt DESC, r.id DESC LIMIT 1
     } AS ranks
RETURN total, collect(CASE WHEN hit IS NULL THEN null ELSE {
  label: hit.label, id: hit.id, score: hit.score,
  copies: [c IN copies | properties(c)],
  latestRank: ranks[0]
} END) AS items
