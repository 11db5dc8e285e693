// Crossings in scope and window, each with the people who organised, piloted or recruited for
// it (participations in scope), its route, launch site and the vessels it used.
MATCH (c:Crossing)
WHERE coalesce(c.unresolved, false) = false
  AND ($investigations IS NULL OR any(i IN c.investigations WHERE i IN $investigations))
  AND c.intelligenceAssessment <= $minAssessment
  AND c.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR c.date >= date($from))
  AND ($to IS NULL OR c.date <= date($to))
RETURN c.id AS id, c.passengers AS passengers, c.deaths AS deaths, c.injuries AS injuries,
       c.sourceEvaluation AS se, c.intelligenceAssessment AS ia,
       [(c)-[:ON_ROUTE]->(r:Route) | r.id][0] AS route,
       [(c)-[:DEPARTED_FROM]->(l:Location) | l.id][0] AS departedFrom,
       [(c)-[:USED_VESSEL]->(v:Vessel) | {id: v.id, kind: coalesce(v.kind, 'other')}] AS vessels,
       [(p:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(c)
        WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
          AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
        | {id: p.id, role: type(r), se: r.sourceEvaluation, ia: r.intelligenceAssessment}] AS participants
