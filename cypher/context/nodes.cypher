// A run's drawn context (routes/analysis-context.ts): the vessels, crossings, payments, accounts,
// locations and routes of its scope, every copy the caller may see ($allowed; null: all) in the
// scope's investigations, graded into the scope, crossings and payments also in its window.
// Copies of one entity (keyed id, investigation) are rows of their own, first investigation
// first: the caller merges them by type and id.
MATCH (n:Vessel|Crossing|Payment|Account|Location|Route)
WHERE ($allowed IS NULL OR n.investigation IN $allowed)
  AND ($investigations IS NULL OR n.investigation IN $investigations)
  AND (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
  AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
  AND ($from IS NULL OR NOT (n:Crossing OR n:Payment) OR n.date >= date($from))
  AND ($to IS NULL OR NOT (n:Crossing OR n:Payment) OR n.date <= date($to))
WITH n ORDER BY n.investigation
RETURN [l IN labels(n) WHERE l IN ['Vessel', 'Crossing', 'Payment', 'Account', 'Location', 'Route']][0] AS label, n.id AS id,
       coalesce(n.name, n.identifier, n.registration, n.hullId, n.engineSerial, n.plate) AS name, n.kind AS kind,
       toString(n.date) AS date, n.amount AS amount, n.currency AS currency, coalesce(n.unresolved, false) AS unresolved
