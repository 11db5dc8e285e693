// People projection: person → organisation ties (employed by, director of) in scope and window.
// One loaded under several investigations of the scope (`shared`, schema/006) is read once:
// the first such investigation's copy that passes the filters.
MATCH (a:Person)-[r:EMPLOYED_BY|DIRECTOR_OF]->(o:Organisation)
WHERE ($investigations IS NULL OR r.investigation IN $investigations)
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
  AND (NOT coalesce(r.shared, false) OR NOT EXISTS {
    MATCH ()-[e:EMPLOYED_BY|DIRECTOR_OF {id: r.id}]->()
    WHERE type(e) = type(r) AND e.investigation < r.investigation
      AND ($investigations IS NULL OR e.investigation IN $investigations)
      AND e.intelligenceAssessment <= $minAssessment AND e.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR e.date IS NULL OR e.date >= date($from))
      AND ($to IS NULL OR e.date IS NULL OR e.date <= date($to))
  })
// An end is named only when its own copy (the one the relation ties, of the same investigation)
// is in scope and graded well enough; otherwise its id is null and the projection counts the
// fact as dropped, as gds/people-ties.cypher leaves it out: each investigation's facts are
// filtered on their own, then merged by id.
RETURN CASE WHEN ($investigations IS NULL OR a.investigation IN $investigations) AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment) AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation) THEN a.id END AS from,
       CASE WHEN ($investigations IS NULL OR o.investigation IN $investigations) AND (o.intelligenceAssessment IS NULL OR o.intelligenceAssessment <= $minAssessment) AND (o.sourceEvaluation IS NULL OR o.sourceEvaluation <= $maxSourceEvaluation) THEN o.id END AS to, type(r) AS type, r.sourceEvaluation AS se, r.intelligenceAssessment AS ia
