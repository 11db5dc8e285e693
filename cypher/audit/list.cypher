// A page of the audit trail, newest first, with optional filters.
CALL {
  MATCH (a:AuditRecord)
  WHERE ($principal IS NULL OR a.principal = $principal)
    AND ($entity IS NULL OR $entity IN a.entities)
    AND ($investigation IS NULL OR $investigation IN a.auditedInvestigations)
    AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at <= $to)
  RETURN count(a) AS total
}
CALL {
  MATCH (a:AuditRecord)
  WHERE ($principal IS NULL OR a.principal = $principal)
    AND ($entity IS NULL OR $entity IN a.entities)
    AND ($investigation IS NULL OR $investigation IN a.auditedInvestigations)
    AND ($from IS NULL OR a.at >= $from) AND ($to IS NULL OR a.at <= $to)
  WITH a ORDER BY a.seq DESC SKIP $offset LIMIT $limit
  RETURN collect(a) AS rows
}
RETURN total, rows
