// Resolution decisions of the investigations asked for ($investigations; null: all, only for a
// caller who may see all), newest first, a page of them ($offset, $limit); $type narrows to
// one entity type; undone decisions only when $undone. With the total before paging.
MATCH (d:ResolutionDecision)
WHERE ($investigations IS NULL OR d.investigation IN $investigations)
  AND ($type IS NULL OR d.type = $type)
  AND ($undone OR d.undoneAt IS NULL)
WITH d ORDER BY d.decidedAt DESC, d.id DESC
WITH collect(properties(d)) AS decisions
RETURN size(decisions) AS total, decisions[$offset..$offset + $limit] AS items
