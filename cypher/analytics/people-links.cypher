// People projection: reported person–person links in scope. A link is in the time window
// when its first–last seen span meets it; an undated link is kept. A link loaded under several
// investigations of the scope (`shared`, schema/006) is read once: the first such
// investigation's copy that passes the filters. Read in $parts partitions at once (each its own
// transaction, analytics-repository.ts): this one's links are those whose first end's internal
// id falls in it; the WITH makes the planner start from those people, so no partition expands
// another's links.
MATCH (a:Person)
WHERE id(a) % $parts = $part
WITH a
MATCH (a)-[r:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE]->(b:Person)
WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR coalesce(r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.lastSeen, r.firstSeen) >= date($from))
  AND ($to IS NULL OR coalesce(r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.firstSeen, r.lastSeen) <= date($to))
  AND (NOT coalesce(r.shared, false) OR NOT EXISTS {
    MATCH ()-[o:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE {id: r.id}]->()
    WHERE type(o) = type(r) AND o.investigation < r.investigation
      AND ($investigations IS NULL OR o.investigation IN $investigations)
      AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR coalesce(o.lastSeen, o.firstSeen) IS NULL OR coalesce(o.lastSeen, o.firstSeen) >= date($from))
      AND ($to IS NULL OR coalesce(o.firstSeen, o.lastSeen) IS NULL OR coalesce(o.firstSeen, o.lastSeen) <= date($to))
  })
// An end is named only when its own copy (the one the relation ties, of the same investigation)
// is in scope and graded well enough; otherwise its id is null and the projection counts the
// fact as dropped, as gds/people-ties.cypher leaves it out: each investigation's facts are
// filtered on their own, then merged by id.
RETURN CASE WHEN ($investigations IS NULL OR any(i IN coalesce(a.investigations, []) WHERE i IN $investigations)) AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment) AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation) THEN a.id END AS from,
       CASE WHEN ($investigations IS NULL OR any(i IN coalesce(b.investigations, []) WHERE i IN $investigations)) AND (b.intelligenceAssessment IS NULL OR b.intelligenceAssessment <= $minAssessment) AND (b.sourceEvaluation IS NULL OR b.sourceEvaluation <= $maxSourceEvaluation) THEN b.id END AS to, type(r) AS type, coalesce(r.count, 1) AS count, r.weight AS weight,
       r.sourceEvaluation AS se, r.intelligenceAssessment AS ia
