// The first admin key, made once: the Bootstrap node is locked (SET) before admins are counted,
// so instances starting together make one between them. With ADMIN_API_KEY the given key's hash
// is stored unless that key exists; a given key that was revoked is enabled again (it is the
// operator's key of last resort), its revocation kept as reenabledFrom for the record.
MERGE (b:Bootstrap {id: 'admin-key'})
SET b.checkedAt = $key.createdAt
WITH b
OPTIONAL MATCH (given:ApiKey {hash: $key.hash})
OPTIONAL MATCH (admin:ApiKey {role: 'admin'}) WHERE admin.revokedAt IS NULL
WITH given, count(admin) AS admins
CALL (given, admins) {
  WITH given, admins WHERE given IS NULL AND ($given OR admins = 0)
  CREATE (k:ApiKey) SET k = $key
  RETURN count(k) AS created
}
CALL (given) {
  WITH given WHERE $given AND given IS NOT NULL AND given.revokedAt IS NOT NULL
  SET given.reenabledAt = $key.createdAt,
      given.reenabledFrom = given.revokedAt + ' by ' + coalesce(given.revokedBy, 'unknown')
  REMOVE given.revokedAt, given.revokedBy
  RETURN count(given) AS reenabled
}
RETURN created, reenabled
