// Locations with the people and organisations operating there and the people who launched
// crossings from there (organised, piloted or recruited for), all in scope and window. A place
// loaded under several investigations of the scope (`shared`, schema/006) is one row with the
// people of every copy in scope.
MATCH (l:Location)
WHERE ($investigations IS NULL OR l.investigation IN $investigations)
  AND (NOT coalesce(l.shared, false) OR NOT EXISTS {
    MATCH (o:Location {id: l.id})
    WHERE o.investigation < l.investigation AND ($investigations IS NULL OR o.investigation IN $investigations)
  })
WITH l, CASE WHEN coalesce(l.shared, false)
             THEN COLLECT { MATCH (o:Location {id: l.id}) WHERE $investigations IS NULL OR o.investigation IN $investigations RETURN o }
             ELSE [l] END AS copies
UNWIND copies AS copy
WITH l,
     [(x:Person|Organisation)-[r:OPERATES_AT]->(copy)
      WHERE ($investigations IS NULL OR r.investigation IN $investigations)
        AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
        AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      | {label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: CASE WHEN ($investigations IS NULL OR x.investigation IN $investigations) AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation) THEN x.id END,
         se: r.sourceEvaluation, ia: r.intelligenceAssessment}] +
     [(x:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(c:Crossing)-[:DEPARTED_FROM]->(copy)
      WHERE ($investigations IS NULL OR r.investigation IN $investigations)
        AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        AND c.intelligenceAssessment <= $minAssessment AND c.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR c.date >= date($from))
        AND ($to IS NULL OR c.date <= date($to))
      | {label: 'Person', id: CASE WHEN ($investigations IS NULL OR x.investigation IN $investigations) AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation) THEN x.id END, se: r.sourceEvaluation, ia: r.intelligenceAssessment}] AS people
WITH l, reduce(acc = [], xs IN collect(people) | acc + xs) AS people
WHERE size(people) > 1
RETURN l.id AS id, people
