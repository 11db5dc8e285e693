// Revokes a key, if the admin may see it (as key-list.cypher: a limited admin only keys within
// its investigations; a wider key is as if it did not exist). Revoking twice keeps the first time.
// The read version moves, so every instance stops taking the key from its cache (system/read-stamp).
MATCH (k:ApiKey {id: $id})
WHERE $allowed IS NULL OR (NOT '*' IN k.investigations AND all(i IN k.investigations WHERE i IN $allowed))
SET k.revokedAt = coalesce(k.revokedAt, $at), k.revokedBy = coalesce(k.revokedBy, $by)
MERGE (v:ReadVersion {id: 'reads'})
SET v.version = coalesce(v.version, 0) + 1
RETURN k
