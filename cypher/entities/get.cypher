// One entity as the caller may see it: its copies in the investigations the caller may see
// ($allowed; null: all), latest recorded first, and their relations (BELONGS_TO excluded:
// each copy names its investigation). __LABEL__ is replaced from the graph-model whitelist. An
// entity with no copy inside $allowed is not found; a copy holds only what was loaded under
// its own investigation (schema/006), so nothing loaded elsewhere is read.
MATCH (n:__LABEL__ {id: $id})
WHERE $allowed IS NULL OR n.investigation IN $allowed
WITH n
ORDER BY n.recordedAt IS NULL, n.recordedAt DESC, n.investigation
WITH collect(n) AS copies
WHERE size(copies) > 0
CALL (copies) {
  UNWIND copies AS n
  MATCH (n)-[r]-(other)
  WHERE NOT r:BELONGS_TO AND ($allowed IS NULL OR r.investigation IN $allowed)
  WITH r, other, startNode(r) = n AS outgoing
  ORDER BY type(r), r.id, r.investigation
  LIMIT $limit
  // A list per relation, not a map: every view reads tens of them, and the driver decodes each
  // map key of each one (repositories/entity-repository.ts names the positions).
  RETURN collect([r.id, type(r), outgoing, labels(other)[0], other.id, other.name, coalesce(other.unresolved, false), properties(r)]) AS relations
}
RETURN [n IN copies | properties(n)] AS copies, relations,
       reduce(total = 0, n IN copies | total + COUNT { (n)-[r]-() WHERE NOT r:BELONGS_TO AND ($allowed IS NULL OR r.investigation IN $allowed) }) AS relationCount
