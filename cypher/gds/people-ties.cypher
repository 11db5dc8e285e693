// GDS engine: the people projection's ties (src/analytics/projection/people.ts), computed inside
// Neo4j so that a scope too big for one Node.js process is never gathered there relation by
// relation. Same facts, same scope, same affinity × confidence × volume as the builder's:
// test/analysis/gds/ties.test.ts checks every tie against it. One row per tie: its ends (lo
// before hi by element id), strength, money in the reporting currency, and the kind and
// strength of each relation behind it.
// Every end is checked against the scope as in people-nodes.cypher. A fact loaded under several
// investigations of the scope (`shared`, schema/006) counts once, as in cypher/analytics/: a
// relation's first copy by investigation; an event's first copy, with the parties of every copy.
// Ends are people and organisations by id, so one entity's copies are one end.
CALL {
  // Expanded from each person (the subquery): left to itself the planner joined every link to
  // both ends by hash, holding each link's cached properties, and at 10M links with their ids
  // that passed Neo4j's transaction memory limit (12 GiB heap).
  MATCH (a:Person)
  CALL (a) {
    MATCH (a)-[r:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE]->(b:Person)
    // A link from a person to themselves makes no tie (projection/people.ts warns about it).
    WHERE a <> b
      AND ($investigations IS NULL OR r.investigation IN $investigations)
      AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR coalesce(r.lastSeen, r.firstSeen) IS NULL OR coalesce(r.lastSeen, r.firstSeen) >= date($from))
      AND ($to IS NULL OR coalesce(r.firstSeen, r.lastSeen) IS NULL OR coalesce(r.firstSeen, r.lastSeen) <= date($to))
      AND (NOT coalesce(r.shared, false) OR NOT EXISTS {
        MATCH ()-[o:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE {id: r.id}]->()
        WHERE type(o) = type(r) AND o.investigation < r.investigation
          AND ($investigations IS NULL OR o.investigation IN $investigations)
          AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
          AND ($from IS NULL OR coalesce(o.lastSeen, o.firstSeen) IS NULL OR coalesce(o.lastSeen, o.firstSeen) >= date($from))
          AND ($to IS NULL OR coalesce(o.firstSeen, o.lastSeen) IS NULL OR coalesce(o.firstSeen, o.lastSeen) <= date($to))
      })
      AND ($investigations IS NULL OR a.investigation IN $investigations)
      AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment)
      AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation)
      AND ($investigations IS NULL OR b.investigation IN $investigations)
      AND (b.intelligenceAssessment IS NULL OR b.intelligenceAssessment <= $minAssessment)
      AND (b.sourceEvaluation IS NULL OR b.sourceEvaluation <= $maxSourceEvaluation)
    RETURN r, b
  }
  // Volume as analytics/weights.ts linkVolume: the weight, else the count, damped above 1.
  WITH a, b, toLower(type(r)) AS kind,
       coalesce(r.weight, CASE WHEN coalesce(r.count, 1) > 1 THEN r.count ELSE 1 END) AS amount,
       coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded) AS grade
  RETURN a, b, kind, grade * CASE WHEN amount > 1 THEN 1 + log(amount) ELSE amount END AS volume, 0 AS money
  UNION ALL
  MATCH (a:Person)-[r:EMPLOYED_BY|DIRECTOR_OF]->(b:Organisation)
  WHERE ($investigations IS NULL OR r.investigation IN $investigations)
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
    AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
    AND (NOT coalesce(r.shared, false) OR NOT EXISTS {
      MATCH ()-[o:EMPLOYED_BY|DIRECTOR_OF {id: r.id}]->()
      WHERE type(o) = type(r) AND o.investigation < r.investigation
        AND ($investigations IS NULL OR o.investigation IN $investigations)
        AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR o.date IS NULL OR o.date >= date($from))
        AND ($to IS NULL OR o.date IS NULL OR o.date <= date($to))
    })
    AND ($investigations IS NULL OR a.investigation IN $investigations)
    AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment)
    AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation)
    AND ($investigations IS NULL OR b.investigation IN $investigations)
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
    AND ($investigations IS NULL OR p.investigation IN $investigations)
    AND p.intelligenceAssessment <= $minAssessment AND p.sourceEvaluation <= $maxSourceEvaluation
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
  WITH p,
       reduce(acc = [], x IN payerNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR hr.investigation IN $investigations)
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation | h]
         ELSE [x] END) AS payerList,
       reduce(acc = [], x IN payeeNodes | acc + CASE WHEN x:Account
         THEN [(h:Person|Organisation)-[hr:HOLDS]->(x)
               WHERE ($investigations IS NULL OR hr.investigation IN $investigations)
                 AND hr.intelligenceAssessment <= $minAssessment AND hr.sourceEvaluation <= $maxSourceEvaluation | h]
         ELSE [x] END) AS payeeList
  WITH p,
       reduce(acc = [], x IN payerList | CASE WHEN any(y IN acc WHERE y.id = x.id AND labels(y) = labels(x)) OR NOT (x:Person OR x:Organisation)
         OR NOT ($investigations IS NULL OR x.investigation IN $investigations)
         OR (x.intelligenceAssessment IS NOT NULL AND x.intelligenceAssessment > $minAssessment)
         OR (x.sourceEvaluation IS NOT NULL AND x.sourceEvaluation > $maxSourceEvaluation) THEN acc ELSE acc + x END) AS payers,
       reduce(acc = [], x IN payeeList | CASE WHEN any(y IN acc WHERE y.id = x.id AND labels(y) = labels(x)) OR NOT (x:Person OR x:Organisation)
         OR NOT ($investigations IS NULL OR x.investigation IN $investigations)
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
    AND ($investigations IS NULL OR c.investigation IN $investigations)
    AND c.intelligenceAssessment <= $minAssessment AND c.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR c.date >= date($from))
    AND ($to IS NULL OR c.date <= date($to))
    AND (NOT coalesce(c.shared, false) OR NOT EXISTS {
      MATCH (o:Crossing {id: c.id})
      WHERE o.investigation < c.investigation AND coalesce(o.unresolved, false) = false
        AND ($investigations IS NULL OR o.investigation IN $investigations)
        AND o.intelligenceAssessment <= $minAssessment AND o.sourceEvaluation <= $maxSourceEvaluation
        AND ($from IS NULL OR o.date >= date($from)) AND ($to IS NULL OR o.date <= date($to))
    })
  UNWIND CASE WHEN coalesce(c.shared, false)
              THEN COLLECT { MATCH (o:Crossing {id: c.id}) WHERE coalesce(o.unresolved, false) = false AND ($investigations IS NULL OR o.investigation IN $investigations) RETURN o }
              ELSE [c] END AS copy
  MATCH (x:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(copy)
  WHERE ($investigations IS NULL OR r.investigation IN $investigations)
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($investigations IS NULL OR x.investigation IN $investigations)
    AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment)
    AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)
  WITH c, x.id AS person, collect(x)[0] AS x, max(coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded)) AS grade
  WITH c, collect({node: x, grade: grade}) AS members
  UNWIND range(0, size(members) - 2) AS i
  UNWIND range(i + 1, size(members) - 1) AS j
  RETURN members[i].node AS a, members[j].node AS b, 'crossing' AS kind,
         CASE WHEN members[i].grade < members[j].grade THEN members[i].grade ELSE members[j].grade END AS volume, 0 AS money
  UNION ALL
  MATCH (v:Vessel)
  WHERE ($investigations IS NULL OR v.investigation IN $investigations)
    AND (NOT coalesce(v.shared, false) OR NOT EXISTS {
      MATCH (o:Vessel {id: v.id})
      WHERE o.investigation < v.investigation AND ($investigations IS NULL OR o.investigation IN $investigations)
    })
  UNWIND CASE WHEN coalesce(v.shared, false)
              THEN COLLECT { MATCH (o:Vessel {id: v.id}) WHERE $investigations IS NULL OR o.investigation IN $investigations RETURN o }
              ELSE [v] END AS copy
  MATCH (x:Person|Organisation)-[r:BOUGHT|SOLD|OWNS|STORED]->(copy)
  WHERE ($investigations IS NULL OR r.investigation IN $investigations)
    AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
    AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
    AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
    AND ($investigations IS NULL OR x.investigation IN $investigations)
    AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment)
    AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)
  WITH v, [labels(x), x.id] AS party, collect(x)[0] AS x, max(coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded)) AS grade
  WITH v, collect({node: x, grade: grade}) AS members
  UNWIND range(0, size(members) - 2) AS i
  UNWIND range(i + 1, size(members) - 1) AS j
  RETURN members[i].node AS a, members[j].node AS b, 'vessel' AS kind,
         CASE WHEN members[i].grade < members[j].grade THEN members[i].grade ELSE members[j].grade END AS volume, 0 AS money
  UNION ALL
  // A place shared by more than $sharedLocationCap people ties none of them.
  MATCH (l:Location)
  WHERE ($investigations IS NULL OR l.investigation IN $investigations)
    AND (NOT coalesce(l.shared, false) OR NOT EXISTS {
      MATCH (o:Location {id: l.id})
      WHERE o.investigation < l.investigation AND ($investigations IS NULL OR o.investigation IN $investigations)
    })
  UNWIND CASE WHEN coalesce(l.shared, false)
              THEN COLLECT { MATCH (o:Location {id: l.id}) WHERE $investigations IS NULL OR o.investigation IN $investigations RETURN o }
              ELSE [l] END AS copy
  CALL (copy) {
    MATCH (x:Person|Organisation)-[r:OPERATES_AT]->(copy)
    WHERE ($investigations IS NULL OR r.investigation IN $investigations)
      AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR r.date IS NULL OR r.date >= date($from))
      AND ($to IS NULL OR r.date IS NULL OR r.date <= date($to))
    RETURN x, r
    UNION ALL
    MATCH (x:Person)-[r:ORGANISED|PILOTED|RECRUITED_FOR]->(c:Crossing)-[:DEPARTED_FROM]->(copy)
    WHERE ($investigations IS NULL OR r.investigation IN $investigations)
      AND r.intelligenceAssessment <= $minAssessment AND r.sourceEvaluation <= $maxSourceEvaluation
      AND c.intelligenceAssessment <= $minAssessment AND c.sourceEvaluation <= $maxSourceEvaluation
      AND ($from IS NULL OR c.date >= date($from))
      AND ($to IS NULL OR c.date <= date($to))
    RETURN x, r
  }
  WITH l, x, r
  WHERE ($investigations IS NULL OR x.investigation IN $investigations)
    AND (x.intelligenceAssessment IS NULL OR x.intelligenceAssessment <= $minAssessment)
    AND (x.sourceEvaluation IS NULL OR x.sourceEvaluation <= $maxSourceEvaluation)
  WITH l, [labels(x), x.id] AS party, collect(x)[0] AS x, max(coalesce($sourceConfidence[toString(r.sourceEvaluation)] * $assessmentConfidence[r.intelligenceAssessment], $ungraded)) AS grade
  WITH l, collect({node: x, grade: grade}) AS members
  WHERE size(members) <= $sharedLocationCap
  UNWIND range(0, size(members) - 2) AS i
  UNWIND range(i + 1, size(members) - 1) AS j
  RETURN members[i].node AS a, members[j].node AS b, 'location' AS kind,
         CASE WHEN members[i].grade < members[j].grade THEN members[i].grade ELSE members[j].grade END AS volume, 0 AS money
}
WITH a, b, kind, $tieWeights[kind] * volume AS strength, money
WHERE strength > 0 AND ($tieKinds IS NULL OR kind IN $tieKinds)
// Ends by entity (`Person:P-1`), not by node: an entity's copies in several investigations are one end.
WITH a, b, kind, strength, money,
     CASE WHEN a:Person THEN 'Person' ELSE 'Organisation' END AS aLabel, CASE WHEN b:Person THEN 'Person' ELSE 'Organisation' END AS bLabel
WITH kind, strength, money,
     CASE WHEN aLabel + ':' + a.id <= bLabel + ':' + b.id THEN [aLabel, a.id] ELSE [bLabel, b.id] END AS lo,
     CASE WHEN aLabel + ':' + a.id <= bLabel + ':' + b.id THEN [bLabel, b.id] ELSE [aLabel, a.id] END AS hi
RETURN lo, hi, sum(strength) AS strength, sum(money) AS money, collect(kind) AS kinds
