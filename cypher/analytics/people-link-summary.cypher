// People projection, links counted instead of sent (a projection without ties: the GDS engine
// computes them inside Neo4j). The slot below is people-links.cypher, run for the same partition;
// each end is checked against the scope as people-nodes.cypher checks it. Answers what the
// service's read would keep of the rows (rows.ts LinkSummary): how many, how many with an end
// outside the scope, and the person of each link from a person to themselves.
CALL {
__LINKS__
}
MATCH (a) WHERE id(a) = from
MATCH (b) WHERE id(b) = to
WITH a, b,
     ($investigations IS NULL OR a.investigation IN $investigations) AND (a.intelligenceAssessment IS NULL OR a.intelligenceAssessment <= $minAssessment) AND (a.sourceEvaluation IS NULL OR a.sourceEvaluation <= $maxSourceEvaluation) AS aIn,
     ($investigations IS NULL OR b.investigation IN $investigations) AND (b.intelligenceAssessment IS NULL OR b.intelligenceAssessment <= $minAssessment) AND (b.sourceEvaluation IS NULL OR b.sourceEvaluation <= $maxSourceEvaluation) AS bIn
RETURN count(*) AS rows, count(CASE WHEN NOT (aIn AND bIn) THEN 1 END) AS outside,
       collect(CASE WHEN aIn AND bIn AND a.id = b.id THEN a.id END) AS selfLinks
