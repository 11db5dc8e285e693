// Creates the copies of records of one label that entity-states found with none: each copy
// holds what upsert-entities would write into a new copy (the properties, provenance, a
// history of one entry, identifier keys, searchText built by ingest/normalise.ts, the
// contentHash) and belongs to its investigation; copies of the id elsewhere are marked shared.
// A copy another load made in the meantime is left alone and its record's id returned, for
// the upsert to merge. __LABEL__ is replaced from the graph-model whitelist.
UNWIND $rows AS row
UNWIND row.investigations AS investigation
MERGE (n:__LABEL__ {id: row.id, investigation: investigation})
WITH n, row, investigation, n.investigations IS NULL AS created
FOREACH (_ IN CASE WHEN created THEN [1] END |
  SET n += row.props,
      n.recordedAt = row.recordedAt,
      n.history = [row.history],
      n.unresolved = false,
      n.identifierKeys = row.identifierKeys,
      n.searchText = row.searchText,
      n.contentHash = row.hash,
      n.investigations = [investigation])
WITH n, row, investigation, created
CALL (n, investigation, created) {
  WITH n, investigation WHERE created
  MATCH (i:Investigation {id: investigation})
  CREATE (n)-[:BELONGS_TO]->(i)
  WITH n
  // Copies elsewhere are marked, never read: the flag only tells a multi-investigation analysis to merge by id.
  MATCH (other:__LABEL__ {id: n.id})
  WHERE other <> n
  SET other.shared = true, n.shared = true
}
RETURN collect(DISTINCT CASE WHEN NOT created THEN row.id END) AS taken
