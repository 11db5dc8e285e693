// Which of the given ids of one label are still placeholders. __LABEL__ is from the whitelist.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
WHERE n.unresolved
RETURN n.id AS id
