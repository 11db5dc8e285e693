// People projection: reported person–person links in scope. A link is in the time window
// when its first–last seen span meets it; an undated link is kept. A link loaded under several
// investigations of the scope (`shared`, schema/006) is read once: the first such
// investigation's copy that passes the filters. Read in $parts partitions at once (each its own
// transaction, analytics-repository.ts): this one's links are those whose first end's internal
// id falls in it; the WITH makes the planner start from those people, so no partition expands
// another's links.
// With investigations asked for, their people are found by index (schema/009), as in
// people-nodes.cypher (which says why the scan of all is written so).
CALL {
  UNWIND CASE WHEN $investigations IS NULL THEN [true] ELSE [] END AS everyone
  MATCH (a:Person) RETURN a
  UNION ALL
  UNWIND coalesce($investigations, []) AS investigation
  MATCH (a:Person {investigation: investigation}) RETURN a
}
WITH a
WHERE id(a) % $parts = $part
WITH a
MATCH (a)-[r:CONTACT|COMMUNICATION|MEETING|FAMILY|ASSOCIATE]->(b:Person)
// A fact's `investigations` is the one-element list [investigation] (schema/006): the scope
// filters read `investigation`, stored inline, not the list in the array store.
WHERE ($investigations IS NULL OR r.investigation IN $investigations)
  AND r.intelligenceAssessment <= $minAssessment
  AND r.sourceEvaluation <= $maxSourceEvaluation
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
// The ends are Neo4j's internal ids, checked against the scope by the service: an end is in
// scope when people-nodes.cypher read it (its own copy, of this relation's investigation, in
// scope and graded well enough), so each end's properties are not read again per link. Those
// ids are only meaningful while the nodes' read is open (analytics-repository.ts keeps it open
// until the links are read: Neo4j reuses a deleted node's id only once every transaction open
// at its deletion has closed).
// Whole numbers go as floats (exact below 2^53): the driver makes an object of each integer it
// decodes, and a plain number of a float; here that is tens of millions of objects.
RETURN toFloat(id(a)) AS from, toFloat(id(b)) AS to, type(r) AS type, toFloat(coalesce(r.count, 1)) AS count, r.weight AS weight,
       toFloat(r.sourceEvaluation) AS se, r.intelligenceAssessment AS ia
