// Full projection, nodes: every entity of the labels asked for, in scope; crossings and
// payments (events) also in the time window.
MATCH (n:Person|Organisation|Vessel|Location|Route|Crossing|Payment|Account)
WITH n, [l IN labels(n) WHERE l IN $labels][0] AS label
WHERE label IS NOT NULL
  AND ($investigations IS NULL OR n.investigation IN $investigations)
  AND (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
  AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
  AND ($from IS NULL OR NOT (n:Crossing OR n:Payment) OR n.date >= date($from))
  AND ($to IS NULL OR NOT (n:Crossing OR n:Payment) OR n.date <= date($to))
RETURN label, n.id AS id, coalesce(n.name, n.identifier, n.hullId, n.engineSerial, n.plate) AS name,
       coalesce(n.unresolved, false) AS unresolved
