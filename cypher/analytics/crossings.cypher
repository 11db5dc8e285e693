// Crossings in scope and window, each with the people who organised, piloted or recruited for
// it (participations in scope), its route, launch site and the vessels it used. A crossing
// loaded under several investigations of the scope (`shared`, schema/006) is one row: the
// first such investigation's copy gives its facts, and the participants of every copy in
// scope are listed (the projection keeps each person once).
MATCH (c:Crossing)
WHERE coalesce(c.unresolved, false) = false
  AND ($investigations IS NULL OR c.investigation IN $investigations)
  AND c.intelligenceAssessment <= $minAssessment
  AND c.sourceEvaluation <= $maxSourceEvaluation
  AND ($from IS NULL OR c.date >= date($from))
  AND ($to IS NULL OR c.date <= date($to))
  AND (NOT coalesce(c.shared, false) OR NOT EXISTS {
    MATCH (o:Crossing {id: c.id})
    WHERE o.investigation < c.investigation AND coalesce(o.unresolved, false) = false
      AND ($investigations IS NULL OR o.investigation IN $investigations)
      AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR o.date >= date($from)) AND ($to IS NULL OR o.date <= date($to))
  })
WITH c, CASE WHEN coalesce(c.shared, false)
             THEN COLLECT { MATCH (o:Crossing {id: c.id}) WHERE coalesce(o.unresolved, false) = false AND ($investigations IS NULL OR o.investigation IN $investigations) RETURN o }
             ELSE [c] END AS copies
RETURN c.id AS id, c.passengers AS passengers, c.deaths AS deaths, c.injuries AS injuries,
       c.sourceEvaluation AS se, c.intelligenceAssessment AS ia,
       [(c)-[:ON_ROUTE]->(r:Route) | r.id][0] AS route,
       [(c)-[:DEPARTED_FROM]->(l:Location) | l.id][0] AS departedFrom,
       [(c)-[:USED_VESSEL]->(v:Vessel) | {id: v.id, kind: coalesce(v.kind, 'other')}] AS vessels,
       // A person in a role once (the first copy's report of it).
       reduce(acc = [], x IN reduce(all = [], copy IN copies | all +
         [(p:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(copy)
          WHERE ($investigations IS NULL OR r.investigation IN $investigations)
            AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
          | {id: CASE WHEN ($investigations IS NULL OR p.investigation IN $investigations) AND (p.intelligenceAssessment IS NULL OR p.intelligenceAssessment <= $minAssessment) AND (p.sourceEvaluation IS NULL OR p.sourceEvaluation <= $maxSourceEvaluation) THEN p.id END, role: type(r), se: r.sourceEvaluation, ia: r.intelligenceAssessment}])
         | CASE WHEN any(y IN acc WHERE y.id = x.id AND y.role = x.role) THEN acc ELSE acc + x END) AS participants
