// After a bulk import: copies of ids loaded into several investigations are marked shared, as
// ingest/create-entities.cypher marks them. __LABEL__ is replaced from the graph-model whitelist.
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id, investigation: row.investigation})
SET n.shared = true
