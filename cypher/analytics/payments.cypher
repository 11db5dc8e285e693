// Payments in scope and window, each with its payers and payees; an account stands for its
// holders in scope (none known: an empty list, which the projection reports as dropped).
MATCH (p:Payment)
WHERE coalesce(p.unresolved, false) = false
  AND ($investigations IS NULL OR any(i IN p.investigations WHERE i IN $investigations))
  AND p.intelligenceAssessment <= $minAssessment
  AND p.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR p.date >= date($from))
  AND ($to IS NULL OR p.date <= date($to))
WITH p,
     [(x)-[:PAID]->(p) | x] AS payerNodes,
     [(p)-[:PAID_TO]->(x) | x] AS payeeNodes
RETURN p.id AS id, p.amount AS amount, p.currency AS currency,
       p.sourceEvaluation AS se, p.intelligenceAssessment AS ia,
       reduce(acc = [], x IN payerNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR any(i IN hr.investigations WHERE i IN $investigations))
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation
               | {label: CASE WHEN h:Person THEN 'Person' ELSE 'Organisation' END, id: h.id}]
         ELSE [{label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: x.id}] END) AS payers,
       reduce(acc = [], x IN payeeNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR any(i IN hr.investigations WHERE i IN $investigations))
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation
               | {label: CASE WHEN h:Person THEN 'Person' ELSE 'Organisation' END, id: h.id}]
         ELSE [{label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: x.id}] END) AS payees
