// Erases an entity and its relations, leaving a record of the erasure that holds no
// personal data beyond the id. __LABEL__ is replaced from the graph-model whitelist.
MATCH (n:__LABEL__ {id: $id})
WITH n, COUNT { (n)-[]-() } AS relations
DETACH DELETE n
CREATE (e:ErasureRecord {entityLabel: '__LABEL__', entityId: $id, relationsRemoved: relations, erasedAt: datetime(), requestId: $requestId})
WITH relations
MERGE (v:DataVersion {id: 'current'})
SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
RETURN relations, v.version AS dataVersion
