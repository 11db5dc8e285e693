// Every investigation's id, for `npm run rank -- --all-investigations`.
MATCH (i:Investigation)
RETURN i.id AS id
ORDER BY id
