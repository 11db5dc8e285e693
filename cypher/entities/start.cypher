// The start of a neighbourhood. __LABEL__ is replaced from the graph-model whitelist.
MATCH (n:__LABEL__ {id: $id})
RETURN elementId(n) AS key, n.id AS entityId, n.name AS name, coalesce(n.unresolved, false) AS unresolved
