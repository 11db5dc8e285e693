// Locations with the people and organisations operating there and the people who launched
// crossings from there (organised, piloted or recruited for), all in scope and window.
MATCH (l:Location)
WHERE ($investigations IS NULL OR any(i IN coalesce(l.investigations, []) WHERE i IN $investigations))
WITH l,
     [(x:Person|Organisation)-[r:OPERATES_AT]->(l)
      WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
        AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
        AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      | {label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: x.id,
         se: r.sourceEvaluation, ia: r.intelligenceAssessment}] +
     [(x:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(c:Crossing)-[:DEPARTED_FROM]->(l)
      WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
        AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        AND c.intelligenceAssessment <= $minAssessment AND c.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR c.date >= date($from))
        AND ($to IS NULL OR c.date <= date($to))
      | {label: 'Person', id: x.id, se: r.sourceEvaluation, ia: r.intelligenceAssessment}] AS people
WHERE size(people) > 1
RETURN l.id AS id, people
