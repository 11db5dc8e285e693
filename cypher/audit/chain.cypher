// A stretch of the chain in order, for verification.
MATCH (a:AuditRecord)
WHERE a.seq > $after
RETURN a
ORDER BY a.seq
LIMIT $limit
