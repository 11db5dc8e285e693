// Which of $ids have a copy of type __LABEL__ (graph-model whitelist) in $investigation: a
// resolution decision ties only records its investigation holds. Nothing is said of copies
// elsewhere (an id missing here is missing, whether or not another investigation holds it).
UNWIND $ids AS id
OPTIONAL MATCH (n:__LABEL__ {id: id, investigation: $investigation})
RETURN id, n IS NOT NULL AS present
