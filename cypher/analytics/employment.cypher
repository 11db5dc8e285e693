// People projection: person → organisation ties (employed by, director of) in scope and window.
MATCH (a:Person)-[r:EMPLOYED_BY|DIRECTOR_OF]->(o:Organisation)
WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
  AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
RETURN a.id AS from, o.id AS to, type(r) AS type, r.sourceEvaluation AS se, r.intelligenceAssessment AS ia
