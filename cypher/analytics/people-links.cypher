// People projection: reported person–person links in scope. A link is in the time window
// when its first–last seen span meets it; an undated link is kept.
MATCH (a:Person)-[r:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE]->(b:Person)
WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR coalesce(r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR coalesce(r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.firstSeen, r.lastSeen) <= date($to))
RETURN a.id AS from, b.id AS to, type(r) AS type, coalesce(r.count, 1) AS count,
       r.sourceEvaluation AS se, r.intelligenceAssessment AS ia
