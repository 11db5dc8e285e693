// Which of the given ids of one label are still placeholders in the load's investigations
// ($investigations: a copy elsewhere says nothing about this load). __LABEL__ is from the whitelist.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
WHERE n.unresolved AND n.investigation IN $investigations
RETURN DISTINCT n.id AS id
