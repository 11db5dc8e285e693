// Full projection, ties: every relation in scope between entities (investigation memberships
// left out), dated ones in the window; the ends' own scope is checked by the projection. A
// relation loaded under several investigations of the scope (`shared`, schema/006) is read
// once: the first such investigation's copy that passes the filters (found from its start's
// copies, which carry the entity labels the indexes need).
MATCH (a)-[r]->(b)
WHERE NOT r:BELONGS_TO AND r.id IS NOT NULL
  AND ($investigations IS NULL OR r.investigation IN $investigations)
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR coalesce(r.date, r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.date, r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR coalesce(r.date, r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.date, r.firstSeen, r.lastSeen) <= date($to))
  AND (NOT coalesce(r.shared, false) OR NOT EXISTS {
    MATCH (x:Person|Organisation|Vessel|Location|Route|Crossing|Payment|Account {id: a.id})-[o]->()
    WHERE type(o) = type(r) AND o.id = r.id AND o.investigation < r.investigation
      AND ($investigations IS NULL OR o.investigation IN $investigations)
      AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR coalesce(o.date, o.lastSeen, o.firstSeen) IS NULL OR coalesce(o.date, o.lastSeen, o.firstSeen) >= date($from))
      AND ($to IS NULL OR coalesce(o.date, o.firstSeen, o.lastSeen) IS NULL OR coalesce(o.date, o.firstSeen, o.lastSeen) <= date($to))
  })
RETURN labels(a)[0] AS fromLabel, a.id AS from, labels(b)[0] AS toLabel, b.id AS to, type(r) AS type,
       r.count AS count, r.weight AS weight, r.sourceEvaluation AS se, r.intelligenceAssessment AS ia
