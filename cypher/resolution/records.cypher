// Entity resolution: the records compared, one row per entity of a resolvable type (people,
// organisations, vessels, accounts: RESOLVABLE_TYPES; $label narrows to one) with every copy
// it has in the scope's investigations ($investigations; null: all) graded at least as well
// as asked. Only those
// copies are read, each with its own neighbours (the other ends of relations loaded under the
// same investigation, memberships left out): nothing another investigation holds shapes a
// record. Placeholders (named by a relation, never loaded) have nothing to compare and are
// left out. The caller merges the copies by id (repositories/resolution-repository.ts).
MATCH (n:Person|Organisation|Vessel|Account)
WHERE ($label IS NULL OR $label IN labels(n))
  AND ($investigations IS NULL OR n.investigation IN $investigations)
  AND NOT coalesce(n.unresolved, false)
  AND (n.intelligenceAssessment IS NULL OR n.intelligenceAssessment <= $minAssessment)
  AND (n.sourceEvaluation IS NULL OR n.sourceEvaluation <= $maxSourceEvaluation)
WITH n, [l IN labels(n) WHERE l IN $allLabels][0] AS label
ORDER BY label, n.id, n.recordedAt IS NULL, n.recordedAt DESC, n.investigation
WITH label, n.id AS id, collect({
  investigation: n.investigation,
  name: n.name,
  aliases: coalesce(n.aliases, []),
  dateOfBirth: n.dateOfBirth,
  nationality: n.nationality,
  kind: n.kind, make: n.make, model: n.model, registration: n.registration, identifier: n.identifier,
  identifierKeys: coalesce(n.identifierKeys, []),
  neighbours: COLLECT {
    MATCH (n)-[r]-(m)
    WHERE NOT r:BELONGS_TO AND r.investigation = n.investigation
    WITH [l IN labels(m) WHERE l IN $allLabels][0] AS other, m.id AS otherId
    WHERE other IS NOT NULL
    RETURN DISTINCT other + ':' + otherId
  }
}) AS copies
RETURN label, id, copies
ORDER BY label, id
