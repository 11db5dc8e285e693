// Erases an entity and its relations, and its results in stored analysis runs (scores,
// explanations, its name), leaving a record of the erasure that holds no personal data beyond
// the id. __LABEL__ is replaced from the graph-model whitelist; $key is the entity's `type:id`.
MATCH (n:__LABEL__ {id: $id})
WHERE ($allowed IS NULL OR any(i IN coalesce(n.investigations, []) WHERE i IN $allowed))
WITH n, COUNT { (n)-[]-() } AS relations,
     coalesce(n.investigations, []) + reduce(acc = [], xs IN [(n)-[rel]-() WHERE NOT rel:BELONGS_TO | coalesce(rel.investigations, [])] | acc + xs) AS touched
DETACH DELETE n
CREATE (e:ErasureRecord {entityLabel: '__LABEL__', entityId: $id, relationsRemoved: relations, erasedAt: datetime(), requestId: $requestId})
WITH relations, touched
CALL {
  MATCH (x:AnalysisResult {key: $key})
  DELETE x
}
MERGE (v:DataVersion {id: 'current'})
SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
FOREACH (investigation IN touched |
  MERGE (s:DataVersion {id: 'investigation:' + investigation})
  SET s.version = v.version, s.changedAt = v.changedAt)
RETURN relations, v.version AS dataVersion
