// Records an analyst's resolution decision in one investigation: a node of its own, holding
// the records' ids, the analyst, the time, the reason and the candidates' evidence as the model
// saw it then ($candidates, JSON). The records' copies are left exactly as loaded; the decision
// is read by analyses over its investigation (scope.resolution) and can be undone. No relation
// ties it to the copies: entity views, neighbourhoods and projections read every relation of a
// copy, and a decision is not a fact about the entity.
CREATE (d:ResolutionDecision {
  id: $id,
  investigation: $investigation,
  type: $type,
  records: $records,
  decision: $decision,
  reason: $reason,
  analystId: $analystId,
  analystName: $analystName,
  decidedAt: datetime($at),
  requestId: $requestId,
  candidates: $candidates
})
RETURN properties(d) AS decision
