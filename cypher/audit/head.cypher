// The chain's head, made on first use, and locked for the rest of the transaction.
MERGE (h:AuditHead {id: 'head'})
ON CREATE SET h.seq = 0, h.hash = $genesis
SET h._lock = true
REMOVE h._lock
RETURN h.seq AS seq, h.hash AS hash
