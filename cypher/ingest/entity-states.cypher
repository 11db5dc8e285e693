// What each record of one batch of one label finds among its copies in its investigations:
// 'same' when every copy is there, is no placeholder and holds the record's contentHash (the
// record changes nothing, so nothing is written), 'new' when none is there (the copies are
// simply created), 'other' otherwise (the upsert compares and merges). One indexed lookup per
// copy, nothing written. __LABEL__ is replaced from the graph-model whitelist.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
UNWIND row.investigations AS investigation
OPTIONAL MATCH (n:__LABEL__ {id: row.id, investigation: investigation})
WITH i, row, collect(n) AS copies
RETURN i, CASE
         WHEN size(copies) = 0 THEN 'new'
         WHEN size(copies) = size(row.investigations) AND all(n IN copies WHERE coalesce(n.contentHash = row.hash, false) AND NOT coalesce(n.unresolved, false)) THEN 'same'
         ELSE 'other'
       END AS state
