// Creates the relations relation-states found new, between their investigation's copies of the
// ends (both there): each holds what upsert-relations would write into a new relation (the
// properties, provenance, a history of one entry, its origin, the contentHash); copies of the
// id elsewhere are marked shared. __FROM__, __TYPE__ and __TO__ come from the whitelist.
UNWIND $rows AS row
UNWIND row.investigations AS investigation
MATCH (a:__FROM__ {id: row.from, investigation: investigation})
MATCH (b:__TO__ {id: row.to, investigation: investigation})
CREATE (a)-[r:__TYPE__ {id: row.id, investigation: investigation}]->(b)
SET r += row.props,
    r.recordedAt = row.recordedAt,
    r.history = [row.history],
    r.origin = row.origin,
    r.investigations = [investigation],
    r.contentHash = row.hash
WITH r
// Copies elsewhere are marked, never read: the flag only tells a multi-investigation analysis to merge by id.
MATCH ()-[other:__TYPE__ {id: r.id}]->()
WHERE other <> r
SET other.shared = true, r.shared = true
