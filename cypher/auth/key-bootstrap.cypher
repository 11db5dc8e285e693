// The first admin key, made once: the Bootstrap node is locked (SET) before admins are counted,
// so instances starting together make one between them. With ADMIN_API_KEY the given key's hash
// is stored unless that key exists (a revoked one stays revoked).
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
RETURN created
