// The start of a neighbourhood: the entity's copies the caller may see ($allowed; null: all),
// none when it has no copy there. __LABEL__ is replaced from the graph-model whitelist.
MATCH (n:__LABEL__ {id: $id})
WHERE $allowed IS NULL OR n.investigation IN $allowed
WITH collect(n) AS copies
WHERE size(copies) > 0
RETURN [n IN copies | elementId(n)] AS keys, [n IN copies WHERE n.name IS NOT NULL | n.name][0] AS name,
       all(n IN copies WHERE coalesce(n.unresolved, false)) AS unresolved,
       [m IN copies | {name: m.name, kind: m.kind, make: m.make, model: m.model, roles: m.roles, identifierKeys: m.identifierKeys, registration: m.registration, engineSerial: m.engineSerial, plate: m.plate, hullId: m.hullId, identifier: m.identifier, date: m.date, unresolved: coalesce(m.unresolved, false)}] AS facts
