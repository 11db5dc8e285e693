// People projection, nodes: the people and organisations in scope. Scope on a graded node:
// one of the investigations asked for, and grading at least as good as asked (a placeholder,
// made by a relation before its record arrived, has no grading and is kept).
// With investigations asked for, their copies are found by index (schema/009), not by a scan of
// every investigation's; $investigations holds each id once (scopeParameters). The scan of all
// runs under an UNWIND of one row or none: a WHERE on the parameter alone left it running,
// every row then filtered out.
CALL {
  UNWIND CASE WHEN $investigations IS NULL THEN [true] ELSE [] END AS everyone
  MATCH (n:Person|Organisation) RETURN n
  UNION ALL
  UNWIND coalesce($investigations, []) AS investigation
  MATCH (n:Person {investigation: investigation}) RETURN n
  UNION ALL
  UNWIND coalesce($investigations, []) AS investigation
  MATCH (n:Organisation {investigation: investigation}) RETURN n
}
WITH n
WHERE (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
  AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
// `node`, the internal id, is what people-links.cypher names each link's ends by (a float, as
// there: a plain number once decoded).
RETURN CASE WHEN n:Person THEN 'Person' ELSE 'Organisation' END AS label, n.id AS id, n.name AS name, toFloat(id(n)) AS node,
       coalesce(n.unresolved, false) AS unresolved
