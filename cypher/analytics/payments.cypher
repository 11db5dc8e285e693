// Payments in scope and window, each with its payers and payees; an account stands for its
// holders in scope (none known: an empty list, which the projection reports as dropped). A
// payment loaded under several investigations of the scope (`shared`, schema/006) is one row:
// the first such investigation's copy gives amount and grading, every copy in scope its parties.
// A party is named only when its own copy is in scope and graded well enough (null otherwise:
// counted as dropped, as gds/people-ties.cypher leaves it out).
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
     reduce(acc = [], copy IN copies | acc + [(x)-[:PAID]->(copy) | x]) AS payerNodes,
     reduce(acc = [], copy IN copies | acc + [(copy)-[:PAID_TO]->(x) | x]) AS payeeNodes
RETURN p.id AS id, p.amount AS amount, p.currency AS currency,
       p.sourceEvaluation AS se, p.intelligenceAssessment AS ia,
       reduce(acc = [], x IN payerNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR hr.investigation IN $investigations)
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation
               | {label: CASE WHEN h:Person THEN 'Person' ELSE 'Organisation' END, id: CASE WHEN ($investigations IS NULL OR h.investigation IN $investigations) AND (h.intelligenceAssessment IS NULL OR h.intelligenceAssessment <= $minAssessment) AND (h.sourceEvaluation IS NULL OR h.sourceEvaluation <= $maxSourceEvaluation) THEN h.id END}]
         ELSE [{label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: CASE WHEN ($investigations IS NULL OR x.investigation IN $investigations) AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation) THEN x.id END}] END) AS payers,
       reduce(acc = [], x IN payeeNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR hr.investigation IN $investigations)
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation
               | {label: CASE WHEN h:Person THEN 'Person' ELSE 'Organisation' END, id: CASE WHEN ($investigations IS NULL OR h.investigation IN $investigations) AND (h.intelligenceAssessment IS NULL OR h.intelligenceAssessment <= $minAssessment) AND (h.sourceEvaluation IS NULL OR h.sourceEvaluation <= $maxSourceEvaluation) THEN h.id END}]
         ELSE [{label: CASE WHEN x:Person THEN 'Person' ELSE 'Organisation' END, id: CASE WHEN ($investigations IS NULL OR x.investigation IN $investigations) AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment) AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation) THEN x.id END}] END) AS payees
