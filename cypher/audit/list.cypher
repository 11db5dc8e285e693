// A page of the audit trail, newest first, with optional filters. $allowed (null: all) are the
// reading admin's investigations: a limited admin reads only records whose investigations all
// lie within its own (a record of everything, '*', or of no investigation is not one of them).
CALL {
  MATCH (a:AuditRecord)
  WHERE ($principal IS NULL OR a.principal = $principal)
    AND ($entity IS NULL OR $entity IN a.entities)
    AND ($investigation IS NULL OR $investigation IN a.auditedInvestigations)
    AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at <= $to)
    AND ($allowed IS NULL OR (size(a.auditedInvestigations) > 0 AND all(i IN a.auditedInvestigations WHERE i IN $allowed)))
  RETURN count(a) AS total
}
CALL {
  MATCH (a:AuditRecord)
  WHERE ($principal IS NULL OR a.principal = $principal)
    AND ($entity IS NULL OR $entity IN a.entities)
    AND ($investigation IS NULL OR $investigation IN a.auditedInvestigations)
    AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at <= $to)
    AND ($allowed IS NULL OR (size(a.auditedInvestigations) > 0 AND all(i IN a.auditedInvestigations WHERE i IN $allowed)))
  WITH a ORDER BY a.seq DESC SKIP $offset LIMIT $limit
  RETURN collect(a) AS rows
}
RETURN total, rows
