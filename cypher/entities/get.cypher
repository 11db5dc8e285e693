// One entity with its relations (BELONGS_TO excluded: investigations are listed on the node).
// __LABEL__ is replaced from the graph-model whitelist. $allowed (null: all) are the
// investigations the caller may see: an entity outside them is not found, and only relations
// inside them are shown or counted.
MATCH (n:__LABEL__ {id: $id})
WHERE ($allowed IS NULL OR any(i IN coalesce(n.investigations, []) WHERE i IN $allowed))
CALL (n) {
  MATCH (n)-[r]-(other)
  WHERE NOT r:BELONGS_TO AND ($allowed IS NULL OR any(i IN coalesce(r.investigations, []) WHERE i IN $allowed))
  WITH r, other, startNode(r) = n AS outgoing
  ORDER BY type(r), r.id
  LIMIT $limit
  RETURN collect({
    id: r.id,
    type: type(r),
    direction: CASE WHEN outgoing THEN 'out' ELSE 'in' END,
    other: {label: labels(other)[0], id: other.id, name: other.name, unresolved: coalesce(other.unresolved, false)},
    properties: properties(r)
  }) AS relations
}
RETURN properties(n) AS properties, relations,
       COUNT { (n)-[r]-() WHERE NOT r:BELONGS_TO AND ($allowed IS NULL OR any(i IN coalesce(r.investigations, []) WHERE i IN $allowed)) } AS relationCount
