// Full-text search over names, aliases and identifiers (index entity_search, see schema/002),
// among the entities of the investigations the caller may see ($allowed; null: all).
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE ($label IS NULL OR $label IN labels(node))
  AND ($allowed IS NULL OR any(i IN coalesce(node.investigations, []) WHERE i IN $allowed))
WITH node, score
ORDER BY score DESC, node.id
WITH collect({label: labels(node)[0], id: node.id, name: node.name, unresolved: coalesce(node.unresolved, false), score: score}) AS hits
RETURN size(hits) AS total, hits[$offset..$offset + $limit] AS items
