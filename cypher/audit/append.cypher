// Appends audit records after the chain's head, which is locked first (the SET) so appends from
// every instance form one sequence; the caller computed each record's hash from the head it
// expects. Nothing is written (written = 0) when the head, read under the lock, is not that one:
// another instance appended meanwhile, and the caller reads the head and chains again.
MATCH (h:AuditHead {id: 'head'})
SET h._lock = true
REMOVE h._lock
WITH h
WHERE h.seq = $expectedSeq AND h.hash = $expectedHash
SET h.seq = $seq, h.hash = $hash
WITH h
UNWIND $records AS record
CREATE (a:AuditRecord)
SET a = record
RETURN count(a) AS written
