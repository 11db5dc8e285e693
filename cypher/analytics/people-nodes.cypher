// People projection, nodes: the people and organisations in scope. Scope on a graded node:
// one of the investigations asked for, and grading at least as good as asked (a placeholder,
// made by a relation before its record arrived, has no grading and is kept).
MATCH (n:Person|Organisation)
WHERE ($investigations IS NULL OR n.investigation IN $investigations)
  AND (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
  AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
// `node`, the internal id, is what people-links.cypher names each link's ends by (a float, as
// there: a plain number once decoded).
RETURN CASE WHEN n:Person THEN 'Person' ELSE 'Organisation' END AS label, n.id AS id, n.name AS name, toFloat(id(n)) AS node,
       coalesce(n.unresolved, false) AS unresolved
