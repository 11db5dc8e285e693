// A run's drawn context, its relations: every relation of a context entity's copy (as in
// context/nodes) to a person, organisation or another context entity, the relation and its
// other end both in what the caller may see ($allowed; null: all) and in the scope (graded in,
// dated ones in the window, as analytics/full-relations reads them). Memberships left out. A
// relation between two context entities is one row. Copies of one relation (keyed id,
// investigation) are rows of their own, first investigation first: the caller merges them.
MATCH (n:Vessel|Crossing|Payment|Account|Location|Route)
WHERE ($allowed IS NULL OR n.investigation IN $allowed)
  AND ($investigations IS NULL OR n.investigation IN $investigations)
  AND (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
  AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
  AND ($from IS NULL OR NOT (n:Crossing OR n:Payment) OR n.date >= date($from))
  AND ($to IS NULL OR NOT (n:Crossing OR n:Payment) OR n.date <= date($to))
MATCH (n)-[r]-(m:Person|Organisation|Vessel|Crossing|Payment|Account|Location|Route)
WHERE NOT r:BELONGS_TO AND r.id IS NOT NULL
  AND ($allowed IS NULL OR r.investigation IN $allowed)
  AND ($investigations IS NULL OR r.investigation IN $investigations)
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR coalesce(r.date, r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.date, r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR coalesce(r.date, r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.date, r.firstSeen, r.lastSeen) <= date($to))
  AND ($allowed IS NULL OR m.investigation IN $allowed)
  AND ($investigations IS NULL OR m.investigation IN $investigations)
  AND (m.intelligenceAssessment IS NULL OR m.intelligenceAssessment <= $minAssessment)
  AND (m.sourceEvaluation IS NULL OR m.sourceEvaluation <= $maxSourceEvaluation)
  AND ($from IS NULL OR NOT (m:Crossing OR m:Payment) OR m.date >= date($from))
  AND ($to IS NULL OR NOT (m:Crossing OR m:Payment) OR m.date <= date($to))
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b ORDER BY r.investigation
RETURN type(r) AS type, r.id AS id,
       [l IN labels(a) WHERE l IN ['Person', 'Organisation', 'Vessel', 'Crossing', 'Payment', 'Account', 'Location', 'Route']][0] AS fromLabel, a.id AS from,
       [l IN labels(b) WHERE l IN ['Person', 'Organisation', 'Vessel', 'Crossing', 'Payment', 'Account', 'Location', 'Route']][0] AS toLabel, b.id AS to,
       coalesce(r.count, 1) AS count,
       toString(coalesce(r.firstSeen, r.date, CASE WHEN a:Crossing OR a:Payment THEN a.date END, CASE WHEN b:Crossing OR b:Payment THEN b.date END)) AS firstSeen,
       toString(coalesce(r.lastSeen, r.date, CASE WHEN a:Crossing OR a:Payment THEN a.date END, CASE WHEN b:Crossing OR b:Payment THEN b.date END)) AS lastSeen
