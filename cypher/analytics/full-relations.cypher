// Full projection, ties: every relation in scope between entities (investigation memberships
// left out), dated ones in the window; the ends' own scope is checked by the projection.
MATCH (a)-[r]->(b)
WHERE NOT r:BELONGS_TO AND r.id IS NOT NULL
  AND ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR coalesce(r.date, r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.date, r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR coalesce(r.date, r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.date, r.firstSeen, r.lastSeen) <= date($to))
RETURN labels(a)[0] AS fromLabel, a.id AS from, labels(b)[0] AS toLabel, b.id AS to, type(r) AS type,
       r.count AS count, r.sourceEvaluation AS se, r.intelligenceAssessment AS ia
