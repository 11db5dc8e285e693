// Appends audit records after the chain's head, which is locked first (the SET) so appends from
// every instance form one sequence; the caller computed each record's hash from the head it read.
MATCH (h:AuditHead {id: 'head'})
WHERE h.seq = $expectedSeq
SET h.seq = $seq, h.hash = $hash
WITH h
UNWIND $records AS record
CREATE (a:AuditRecord)
SET a = record
RETURN count(a) AS written
