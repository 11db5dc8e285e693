// The key a bearer token hashes to, if it is not revoked (looked up on every request, so a
// revocation takes effect at once).
MATCH (k:ApiKey {hash: $hash})
WHERE k.revokedAt IS NULL
RETURN k
