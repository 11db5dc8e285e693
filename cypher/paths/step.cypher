// One level of a path search: the relations of the given entities' copies (ids of one label,
// __LABEL__ from the graph-model whitelist), every copy the caller may see ($allowed; null: all),
// so an entity's facts in several investigations are walked from as one; memberships
// (BELONGS_TO) left out, relation types limited to $types when given. At most $limit rows.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
WHERE $allowed IS NULL OR n.investigation IN $allowed
MATCH (n)-[r]-(m)
WHERE NOT r:BELONGS_TO
  AND ($allowed IS NULL OR r.investigation IN $allowed)
  AND ($types IS NULL OR type(r) IN $types)
WITH DISTINCT n, r, m
LIMIT $limit
RETURN n.id AS from, startNode(r) = n AS outgoing, type(r) AS type, properties(r) AS properties,
       labels(m)[0] AS label, m.id AS to, m.name AS name, coalesce(m.unresolved, false) AS unresolved
