// Full-text search over names, aliases and identifiers (index entity_search, see schema/002),
// among the copies of the investigations the caller may see ($allowed; null: all): a copy
// indexes only what its own investigation loaded, so another investigation's alias finds
// nothing. An entity found through several copies is one hit, at its best score.
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE ($label IS NULL OR $label IN labels(node))
  AND ($allowed IS NULL OR node.investigation IN $allowed)
WITH labels(node)[0] AS label, node.id AS id, max(score) AS score,
     collect(node.name) AS names, all(c IN collect(coalesce(node.unresolved, false)) WHERE c) AS unresolved
ORDER BY score DESC, id, label
WITH collect({label: label, id: id, name: names[0], unresolved: unresolved, score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS items
