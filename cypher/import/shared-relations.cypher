// After a bulk import: relations loaded into several investigations are marked shared, as
// ingest/create-relations.cypher marks them. __TYPE__ is replaced from the graph-model whitelist.
UNWIND $rows AS row
MATCH ()-[r:__TYPE__ {id: row.id, investigation: row.investigation}]->()
SET r.shared = true
