MATCH (k:ApiKey)
RETURN k
ORDER BY k.createdAt, k.id
