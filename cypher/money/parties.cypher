// The parties of the money views, named: each `{label, id}` of $parties with its first named copy
// in scope (by investigation; an account's identifier when it has no name), and for an account
// its holders across its copies in scope, by HOLDS relations and holders graded into the scope,
// each holder named by its copy at that account.
UNWIND $parties AS party
CALL (party) {
  MATCH (n:Person {id: party.id}) WHERE party.label = 'Person' AND ($investigations IS NULL OR n.investigation IN $investigations) RETURN n
  UNION
  MATCH (n:Organisation {id: party.id}) WHERE party.label = 'Organisation' AND ($investigations IS NULL OR n.investigation IN $investigations) RETURN n
  UNION
  MATCH (n:Account {id: party.id}) WHERE party.label = 'Account' AND ($investigations IS NULL OR n.investigation IN $investigations) RETURN n
}
WITH party, n ORDER BY n.investigation
WITH party, collect(n) AS copies
RETURN party.label AS label, party.id AS id,
       head([c IN copies WHERE coalesce(c.name, c.identifier) IS NOT NULL | coalesce(c.name, c.identifier)]) AS name,
       CASE WHEN party.label = 'Account' THEN COLLECT {
         UNWIND copies AS account
         MATCH (h:Person|Organisation)-[hr:HOLDS]->(account)
         WHERE hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation
           AND (h.intelligenceAssessment IS NULL OR h.intelligenceAssessment <= $minAssessment)
           AND (h.sourceEvaluation IS NULL OR h.sourceEvaluation <= $maxSourceEvaluation)
         RETURN {label: CASE WHEN h:Person THEN 'Person' ELSE 'Organisation' END, id: h.id, name: h.name} AS holder
         ORDER BY account.investigation, holder.label, holder.id
       } ELSE [] END AS holders
