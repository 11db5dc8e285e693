// Vessels (boats, engines, vehicles) with the people and organisations that bought, sold,
// own or stored them, relations in scope and window (an undated relation is kept).
MATCH (v:Vessel)
WHERE ($investigations IS NULL OR any(i IN coalesce(v.investigations, []) WHERE i IN $investigations))
WITH v,
     [(x:Person|Organisation)-[r:BOUGHT|SOLD|OWNS|STORED]->(v)
      WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
        AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
        AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
      | {label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: x.id, type: type(r),
         se: r.sourceEvaluation, ia: r.intelligenceAssessment}] AS holders
WHERE size(holders) > 0
RETURN v.id AS id, coalesce(v.kind, 'other') AS kind, holders
