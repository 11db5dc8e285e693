// The start of a neighbourhood, if the caller may see it ($allowed; null: all). __LABEL__ is
// replaced from the graph-model whitelist.
MATCH (n:__LABEL__ {id: $id})
WHERE ($allowed IS NULL OR any(i IN coalesce(n.investigations, []) WHERE i IN $allowed))
RETURN elementId(n) AS key, n.id AS entityId, n.name AS name, coalesce(n.unresolved, false) AS unresolved
