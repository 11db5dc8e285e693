// Payments in scope and window for the money views (src/money/), one row per payment id: a
// payment loaded under several investigations of the scope (`shared`, schema/006) is one row,
// its first such investigation's copy giving amount, currency and date (as in
// analytics/payments.cypher), every copy in scope its payers and payees. A party is its type
// and id, and whether its own copy is graded into the scope (a placeholder is).
MATCH (p:Payment)
WHERE coalesce(p.unresolved, false) = false
  AND ($investigations IS NULL OR p.investigation IN $investigations)
  AND p.intelligenceAssessment <= $minAssessment
  AND p.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR p.date >= date($from))
  AND ($to IS NULL OR p.date <= date($to))
  AND (NOT coalesce(p.shared, false) OR NOT EXISTS {
    MATCH (o:Payment {id: p.id})
    WHERE o.investigation < p.investigation AND coalesce(o.unresolved, false) = false
      AND ($investigations IS NULL OR o.investigation IN $investigations)
      AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR o.date >= date($from)) AND ($to IS NULL OR o.date <= date($to))
  })
WITH p, CASE WHEN coalesce(p.shared, false)
             THEN COLLECT { MATCH (o:Payment {id: p.id}) WHERE coalesce(o.unresolved, false) = false AND ($investigations IS NULL OR o.investigation IN $investigations) RETURN o }
             ELSE [p] END AS copies
WITH p,
     reduce(acc = [], copy IN copies | acc + [(x:Person|Organisation|Account)-[:PAID]->(copy) | x]) AS payerNodes,
     reduce(acc = [], copy IN copies | acc + [(copy)-[:PAID_TO]->(x:Person|Organisation|Account) | x]) AS payeeNodes
RETURN p.id AS id, p.amount AS amount, p.currency AS currency, toString(p.date) AS date,
       [x IN payerNodes | {label: CASE WHEN x:Person THEN 'Person' WHEN x:Organisation THEN 'Organisation' ELSE 'Account' END, id: x.id,
         kept: (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)}] AS payers,
       [x IN payeeNodes | {label: CASE WHEN x:Person THEN 'Person' WHEN x:Organisation THEN 'Organisation' ELSE 'Account' END, id: x.id,
         kept: (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)}] AS payees
ORDER BY id
