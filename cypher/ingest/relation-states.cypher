// What each record of one batch of one (from label, type, to label) finds among its copies:
// 'same' when every copy is there holding the record's contentHash (which covers its ends and
// their labels: nothing is written), 'new' when none is there and both ends' copies are (the
// relations are simply created), 'other' otherwise (the upsert moves, updates or makes
// placeholders). Ends that are placeholders are listed, as the upsert lists them. Indexed
// lookups only, nothing written. __FROM__, __TYPE__ and __TO__ come from the whitelist.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
UNWIND row.investigations AS investigation
OPTIONAL MATCH ()-[r:__TYPE__ {id: row.id, investigation: investigation}]->()
OPTIONAL MATCH (a:__FROM__ {id: row.from, investigation: investigation})
OPTIONAL MATCH (b:__TO__ {id: row.to, investigation: investigation})
WITH i, collect({
       exists: r IS NOT NULL,
       same: coalesce(r.contentHash = $rows[i].hash, false),
       ends: a IS NOT NULL AND b IS NOT NULL,
       fromPlaceholder: CASE WHEN a.unresolved THEN a.id END,
       toPlaceholder: CASE WHEN b.unresolved THEN b.id END
     }) AS copies
RETURN i,
       CASE
         WHEN all(c IN copies WHERE c.same) THEN 'same'
         WHEN none(c IN copies WHERE c.exists) AND all(c IN copies WHERE c.ends) THEN 'new'
         ELSE 'other'
       END AS state,
       [c IN copies WHERE c.fromPlaceholder IS NOT NULL | c.fromPlaceholder] AS fromPlaceholders,
       [c IN copies WHERE c.toPlaceholder IS NOT NULL | c.toPlaceholder] AS toPlaceholders
