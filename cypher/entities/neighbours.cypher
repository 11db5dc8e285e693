// One step of a breadth-first expansion: the relations of the frontier copies and the copies at
// their other ends, investigation memberships (BELONGS_TO) left out, only relations in the
// investigations the caller may see ($allowed; null: all). At most $limit relations. Copies of
// one entity are told apart by element id here and merged by `type:id` by the caller; each
// row carries the other end's kind and identifiers, for the caller to merge across copies.
UNWIND $frontier AS key
MATCH (n) WHERE elementId(n) = key
MATCH (n)-[r]-(m)
WHERE NOT r:BELONGS_TO
  AND ($allowed IS NULL OR r.investigation IN $allowed)
WITH DISTINCT r, m
LIMIT $limit
RETURN elementId(startNode(r)) AS from, elementId(endNode(r)) AS to, r.id AS id, type(r) AS type,
       elementId(m) AS key, labels(m)[0] AS label, m.id AS entityId, m.name AS name, coalesce(m.unresolved, false) AS unresolved,
       {name: m.name, kind: m.kind, make: m.make, model: m.model, roles: m.roles, identifierKeys: m.identifierKeys, registration: m.registration, engineSerial: m.engineSerial, plate: m.plate, hullId: m.hullId, identifier: m.identifier, date: m.date, unresolved: coalesce(m.unresolved, false)} AS facts
