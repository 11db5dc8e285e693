// After a bulk import: relation properties the import tool cannot write (empty lists) are set.
// __TYPE__ is replaced from the graph-model whitelist.
UNWIND $rows AS row
MATCH ()-[r:__TYPE__ {id: row.id, investigation: row.investigation}]->()
SET r += row.props
