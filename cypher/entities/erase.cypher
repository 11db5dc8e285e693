// Erases an entity's copies in the investigations the caller may act on ($allowed; null: all,
// a full erasure) with their relations, and its results in stored analysis runs that could
// have read those copies (scores, explanations, its name); copies in other investigations stay
// as they are. Leaves a record of the erasure that holds no personal data beyond the id.
// __LABEL__ is replaced from the graph-model whitelist; $key is the entity's `type:id`.
MATCH (n:__LABEL__ {id: $id})
WHERE $allowed IS NULL OR n.investigation IN $allowed
WITH collect(n) AS copies
WHERE size(copies) > 0
WITH copies,
     reduce(total = 0, n IN copies | total + COUNT { (n)-[rel]-() WHERE NOT rel:BELONGS_TO }) AS relations,
     [n IN copies WHERE n.investigation IS NOT NULL | n.investigation] AS touched
FOREACH (n IN copies | DETACH DELETE n)
CREATE (e:ErasureRecord {entityLabel: '__LABEL__', entityId: $id, relationsRemoved: relations, investigations: touched,
                         erasedAt: datetime(), requestId: $requestId})
WITH relations, touched
CALL (touched) {
  MATCH (x:AnalysisResult {key: $key})
  OPTIONAL MATCH (run:AnalysisRun {id: x.runId})
  WITH x, run
  // A run over every investigation (key '') read every copy.
  WHERE $allowed IS NULL OR run IS NULL OR run.investigationsKey = '' OR any(i IN split(run.investigationsKey, '\u001f') WHERE i IN touched)
  DELETE x
}
MERGE (v:DataVersion {id: 'current'})
SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
FOREACH (investigation IN touched |
  MERGE (s:DataVersion {id: 'investigation:' + investigation})
  SET s.version = v.version, s.changedAt = v.changedAt)
RETURN relations, v.version AS dataVersion
