// Undoes a resolution decision in an investigation the caller may act on ($allowed; null: all):
// it stays, marked undone by whom and when, for history (the audit trail keeps both requests).
// An unknown id and one in an investigation the caller may not see are alike: no row.
MATCH (d:ResolutionDecision {id: $id})
WHERE $allowed IS NULL OR d.investigation IN $allowed
WITH d, d.undoneAt IS NOT NULL AS already
SET d.undoneAt = coalesce(d.undoneAt, datetime($at)),
    d.undoneById = coalesce(d.undoneById, $analystId),
    d.undoneByName = coalesce(d.undoneByName, $analystName)
RETURN properties(d) AS decision, already
