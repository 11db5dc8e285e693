// Which of $ids are investigations in the database (scope checks: analytics/scope-check.ts).
MATCH (i:Investigation)
WHERE i.id IN $ids
RETURN i.id AS id
ORDER BY id
