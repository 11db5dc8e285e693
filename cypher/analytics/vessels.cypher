// Vessels (boats, engines, vehicles) with the people and organisations that bought, sold,
// own or stored them, relations in scope and window (an undated relation is kept). A vessel
// loaded under several investigations of the scope (`shared`, schema/006) is one row with the
// holders of every copy in scope.
MATCH (v:Vessel)
WHERE ($investigations IS NULL OR v.investigation IN $investigations)
  AND (NOT coalesce(v.shared, false) OR NOT EXISTS {
    MATCH (o:Vessel {id: v.id})
    WHERE o.investigation < v.investigation AND ($investigations IS NULL OR o.investigation IN $investigations)
  })
WITH v, CASE WHEN coalesce(v.shared, false)
             THEN COLLECT { MATCH (o:Vessel {id: v.id}) WHERE $investigations IS NULL OR o.investigation IN $investigations RETURN o }
             ELSE [v] END AS copies
WITH v,
     reduce(acc = [], copy IN copies | acc + [(x:Person|Organisation)-[r:BOUGHT|SOLD|OWNS|STORED]->(copy)
      WHERE ($investigations IS NULL OR r.investigation IN $investigations)
        AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
        AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      | {label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: CASE WHEN ($investigations IS NULL OR x.investigation IN $investigations) AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation) THEN x.id END, type: type(r),
         se: r.sourceEvaluation, ia: r.intelligenceAssessment}]) AS holders
WHERE size(holders) > 0
RETURN v.id AS id, coalesce(v.kind, 'other') AS kind, holders
