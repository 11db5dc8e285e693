// The graded facts in a run's scope by handling code (3x5x2: P sharing permitted, C with
// conditions), with the first and last date among them: every record, node or relation, of the
// scope's investigations graded at least as well as the scope keeps, dated facts only when they
// meet the window. A protective marking must not under-mark, so this counts every fact the scope
// reads, not only those that became ties.
CALL () {
  MATCH (n)
  WHERE n.handlingCode IS NOT NULL
  RETURN n.handlingCode AS code, n.investigations AS investigations, n.intelligenceAssessment AS ia, n.sourceEvaluation AS se,
         coalesce(n.date, n.firstSeen, n.lastSeen) AS first, coalesce(n.date, n.lastSeen, n.firstSeen) AS last
  UNION ALL
  // A relation with no date of its own (a payer's PAID) takes its event's (the payment's).
  MATCH (a)-[r]->(b)
  WHERE r.handlingCode IS NOT NULL
  RETURN r.handlingCode AS code, r.investigations AS investigations, r.intelligenceAssessment AS ia, r.sourceEvaluation AS se,
         coalesce(r.date, r.firstSeen, r.lastSeen, a.date, b.date) AS first, coalesce(r.date, r.lastSeen, r.firstSeen, a.date, b.date) AS last
}
WITH code, investigations, ia, se, first, last
WHERE ($investigations IS NULL OR any(i IN coalesce(investigations, []) WHERE i IN $investigations))
  AND ia <= $minAssessment AND se <= $maxSourceEvaluation
  AND ($from IS NULL OR last IS NULL OR last >= date($from))
  AND ($to IS NULL OR first IS NULL OR first <= date($to))
RETURN code, count(*) AS facts, min(first) AS first, max(last) AS last
ORDER BY code
