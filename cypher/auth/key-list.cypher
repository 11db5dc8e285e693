// Every API key an admin may see: $allowed (null: all) are the admin's investigations; a
// limited admin sees only keys whose investigations all lie within its own (never a `*` key).
MATCH (k:ApiKey)
WHERE $allowed IS NULL OR (NOT '*' IN k.investigations AND all(i IN k.investigations WHERE i IN $allowed))
RETURN k
ORDER BY k.createdAt, k.id
