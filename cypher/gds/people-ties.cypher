// GDS engine: the people projection's ties (src/analytics/projection/people.ts), computed inside
// Neo4j so that a scope too big for one Node.js process is never gathered there relation by
// relation. Same facts, same scope, same affinity × confidence × volume as the builder's:
// test/analysis/gds/ties.test.ts checks every tie against it. One row per tie: its ends (lo
// before hi by element id), strength, money in the reporting currency, and the kind and
// strength of each relation behind it.
// Every end is checked against the scope as in people-nodes.cypher.
CALL {
  MATCH (a:Person)-[r:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE]->(b:Person)
  // A link from a person to themselves makes no tie (projection/people.ts warns about it).
  WHERE a <> b
    AND ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR coalesce(r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.lastSeen, r.firstSeen) >= date($from))
    AND ($to IS NULL OR coalesce(r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.firstSeen, r.lastSeen) <= date($to))
    AND ($investigations IS NULL OR any(i IN coalesce(a.investigations, []) WHERE i IN $investigations))
    AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment)
    AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation)
    AND ($investigations IS NULL OR any(i IN coalesce(b.investigations, []) WHERE i IN $investigations))
    AND (b.intelligenceAssessment IS NULL OR b.intelligenceAssessment <= $minAssessment)
    AND (b.sourceEvaluation IS NULL OR b.sourceEvaluation <= $maxSourceEvaluation)
  WITH a, b, toLower(type(r)) AS kind, coalesce(r.count, 1) AS count,
       coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded) AS grade
  RETURN a, b, kind, grade * (1 + log(CASE WHEN count > 1 THEN count ELSE 1 END)) AS volume, 0 AS money
  UNION ALL
  MATCH (a:Person)-[r:EMPLOYED_BY|DIRECTOR_OF]->(b:Organisation)
  WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
    AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
    AND ($investigations IS NULL OR any(i IN coalesce(a.investigations, []) WHERE i IN $investigations))
    AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment)
    AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation)
    AND ($investigations IS NULL OR any(i IN coalesce(b.investigations, []) WHERE i IN $investigations))
    AND (b.intelligenceAssessment IS NULL OR b.intelligenceAssessment <= $minAssessment)
    AND (b.sourceEvaluation IS NULL OR b.sourceEvaluation <= $maxSourceEvaluation)
  RETURN a, b, CASE type(r) WHEN 'DIRECTOR_OF' THEN 'directorship' ELSE 'employment' END AS kind,
         coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded) AS volume,
         0 AS money
  UNION ALL
  // A payment: every payer–payee pair among the distinct parties in scope (an account stands for
  // its holders) gets an equal share of one payment and of its amount.
  MATCH (p:Payment)
  WHERE coalesce(p.unresolved, false) = false
    AND ($investigations IS NULL OR any(i IN p.investigations WHERE i IN $investigations))
    AND p.intelligenceAssessment <= $minAssessment AND p.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR p.date >= date($from))
    AND ($to IS NULL OR p.date <= date($to))
  WITH p,
       [(x)-[:PAID]->(p) | x] AS payerNodes,
       [(p)-[:PAID_TO]->(x) | x] AS payeeNodes
  WITH p,
       reduce(acc = [], x IN payerNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR any(i IN hr.investigations WHERE i IN $investigations))
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation | h]
         ELSE [x] END) AS payerList,
       reduce(acc = [], x IN payeeNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR any(i IN hr.investigations WHERE i IN $investigations))
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation | h]
         ELSE [x] END) AS payeeList
  WITH p,
       reduce(acc = [], x IN payerList | CASE WHEN x IN acc OR NOT (x:Person OR x:Organisation)
         OR NOT ($investigations IS NULL OR any(i IN coalesce(x.investigations, []) WHERE i IN $investigations))
         OR (x.intelligenceAssessment IS NOT NULL AND x.intelligenceAssessment > $minAssessment)
         OR (x.sourceEvaluation IS NOT NULL AND x.sourceEvaluation > $maxSourceEvaluation) THEN acc ELSE acc + x END) AS payers,
       reduce(acc = [], x IN payeeList | CASE WHEN x IN acc OR NOT (x:Person OR x:Organisation)
         OR NOT ($investigations IS NULL OR any(i IN coalesce(x.investigations, []) WHERE i IN $investigations))
         OR (x.intelligenceAssessment IS NOT NULL AND x.intelligenceAssessment > $minAssessment)
         OR (x.sourceEvaluation IS NOT NULL AND x.sourceEvaluation > $maxSourceEvaluation) THEN acc ELSE acc + x END) AS payees
  WHERE size(payers) > 0 AND size(payees) > 0
  // The amount in whole reporting minor units, split in whole units: the first (amount mod pairs)
  // pairs, by payer key then payee key, get one more (as projection/people.ts does).
  WITH payers, payees, size(payers) * size(payees) AS pairs,
       coalesce($sourceConfidence[toString(p.sourceEvaluation)] * $assessmentConfidence[p.intelligenceAssessment], $ungraded) AS grade,
       coalesce(toInteger(round(p.amount * $reportingPerMinorUnit[p.currency])), 0) AS amount
  WITH pairs, grade, amount,
       [x IN payers | [x, CASE WHEN x:Person THEN 'person:' ELSE 'organisation:' END + x.id]] AS payerKeys,
       [x IN payees | [x, CASE WHEN x:Person THEN 'person:' ELSE 'organisation:' END + x.id]] AS payeeKeys
  UNWIND payerKeys AS payer
  UNWIND payeeKeys AS payee
  WITH payer[0] AS a, payee[0] AS b, grade, amount, pairs,
       size([y IN payerKeys WHERE y[1] < payer[1]]) * size(payeeKeys) + size([y IN payeeKeys WHERE y[1] < payee[1]]) AS k
  RETURN a, b, 'payment' AS kind, grade / pairs AS volume,
         amount / pairs + CASE WHEN k < amount % pairs THEN 1 ELSE 0 END AS money
  UNION ALL
  // Shared crossings, vessels and places: every pair of the distinct members in scope, each at
  // the weaker of the two members' best confidence.
  MATCH (c:Crossing)
  WHERE coalesce(c.unresolved, false) = false
    AND ($investigations IS NULL OR any(i IN c.investigations WHERE i IN $investigations))
    AND c.intelligenceAssessment <= $minAssessment AND c.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR c.date >= date($from))
    AND ($to IS NULL OR c.date <= date($to))
  MATCH (x:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(c)
  WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($investigations IS NULL OR any(i IN coalesce(x.investigations, []) WHERE i IN $investigations))
    AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment)
    AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)
  WITH c, x, max(coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded)) AS grade
  WITH c, collect({node: x, grade: grade}) AS members
  UNWIND range(0, size(members) - 2) AS i
  UNWIND range(i + 1, size(members) - 1) AS j
  RETURN members[i].node AS a, members[j].node AS b, 'crossing' AS kind,
         CASE WHEN members[i].grade < members[j].grade THEN members[i].grade ELSE members[j].grade END AS volume, 0 AS money
  UNION ALL
  MATCH (v:Vessel)
  WHERE ($investigations IS NULL OR any(i IN coalesce(v.investigations, []) WHERE i IN $investigations))
  MATCH (x:Person|Organisation)-[r:BOUGHT|SOLD|OWNS|STORED]->(v)
  WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
    AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
    AND ($investigations IS NULL OR any(i IN coalesce(x.investigations, []) WHERE i IN $investigations))
    AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment)
    AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)
  WITH v, x, max(coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded)) AS grade
  WITH v, collect({node: x, grade: grade}) AS members
  UNWIND range(0, size(members) - 2) AS i
  UNWIND range(i + 1, size(members) - 1) AS j
  RETURN members[i].node AS a, members[j].node AS b, 'vessel' AS kind,
         CASE WHEN members[i].grade < members[j].grade THEN members[i].grade ELSE members[j].grade END AS volume, 0 AS money
  UNION ALL
  // A place shared by more than $sharedLocationCap people ties none of them.
  MATCH (l:Location)
  WHERE ($investigations IS NULL OR any(i IN coalesce(l.investigations, []) WHERE i IN $investigations))
  CALL (l) {
    MATCH (x:Person|Organisation)-[r:OPERATES_AT]->(l)
    WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
      AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
      AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
    RETURN x, r
    UNION ALL
    MATCH (x:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(c:Crossing)-[:DEPARTED_FROM]->(l)
    WHERE ($investigations IS NULL OR any(i IN r.investigations WHERE i IN $investigations))
      AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
      AND c.intelligenceAssessment <= $minAssessment AND c.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR c.date >= date($from))
      AND ($to IS NULL OR c.date <= date($to))
    RETURN x, r
  }
  WITH l, x, r
  WHERE ($investigations IS NULL OR any(i IN coalesce(x.investigations, []) WHERE i IN $investigations))
    AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment)
    AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)
  WITH l, x, max(coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded)) AS grade
  WITH l, collect({node: x, grade: grade}) AS members
  WHERE size(members) <= $sharedLocationCap
  UNWIND range(0, size(members) - 2) AS i
  UNWIND range(i + 1, size(members) - 1) AS j
  RETURN members[i].node AS a, members[j].node AS b, 'location' AS kind,
         CASE WHEN members[i].grade < members[j].grade THEN members[i].grade ELSE members[j].grade END AS volume, 0 AS money
}
WITH a, b, kind, $tieWeights[kind] * volume AS strength, money
WHERE strength > 0 AND ($tieKinds IS NULL OR kind IN $tieKinds)
WITH CASE WHEN elementId(a) <= elementId(b) THEN a ELSE b END AS lo,
     CASE WHEN elementId(a) <= elementId(b) THEN b ELSE a END AS hi, kind, strength, money
RETURN lo, hi, sum(strength) AS strength, sum(money) AS money, collect(kind) AS kinds, collect(strength) AS strengths
