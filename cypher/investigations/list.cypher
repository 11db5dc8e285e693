// The investigations the caller may see ($allowed; null: all), a page of them by id, each with
// what it holds, read from its own copies only (schema/006): its entity copies by label
// ($labels, the graph-model whitelist; placeholders included) and its relations, each counted
// once from its start; its data version (0 before its first load); and its newest finished run
// over exactly this investigation (a run's investigationsKey for one investigation is its id,
// runs/run-service.ts). Runs over several investigations are left out: they would name others.
CALL {
  MATCH (i:Investigation)
  WHERE $allowed IS NULL OR i.id IN $allowed
  RETURN count(i) AS total
}
CALL {
  MATCH (i:Investigation)
  WHERE $allowed IS NULL OR i.id IN $allowed
  WITH i
  ORDER BY i.id
  SKIP $offset
  LIMIT $limit
  CALL (i) {
    MATCH (n)-[:BELONGS_TO]->(i)
    WITH n, [label IN labels(n) WHERE label IN $labels][0] AS label
    WHERE label IS NOT NULL
    WITH label, count(n) AS copies, sum(COUNT { (n)-[r]->() WHERE NOT r:BELONGS_TO AND r.investigation = i.id }) AS relations
    RETURN collect({label: label, count: copies}) AS entities, sum(relations) AS relations
  }
  CALL (i) {
    OPTIONAL MATCH (run:AnalysisRun {investigationsKey: i.id})
    WHERE run.status = 'done'
    RETURN run
    ORDER BY run.finishedAt DESC, run.id DESC
    LIMIT 1
  }
  OPTIONAL MATCH (v:DataVersion {id: 'investigation:' + i.id})
  WITH i, entities, relations, run, coalesce(v.version, 0) AS dataVersion
  ORDER BY i.id
  RETURN collect({
    id: i.id,
    name: i.name,
    entities: entities,
    relations: relations,
    dataVersion: dataVersion,
    latestRun: CASE WHEN run IS NULL THEN null ELSE {id: run.id, finishedAt: run.finishedAt, scopeVersion: run.scopeVersion} END
  }) AS items
}
RETURN total, items
