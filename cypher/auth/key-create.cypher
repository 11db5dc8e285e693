CREATE (k:ApiKey)
SET k = $key
RETURN k
