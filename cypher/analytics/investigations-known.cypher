// Which of $ids are investigations in the database (scope checks: analysis/scope-check.ts).
MATCH (i:Investigation)
WHERE i.id IN $ids
RETURN i.id AS id
ORDER BY id
