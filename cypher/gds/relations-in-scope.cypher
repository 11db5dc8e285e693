// Engine choice: how many relations the scope's investigations hold (every relation when none is
// named), the size `engine: auto` goes by before anything is read.
MATCH ()-[r]->()
WHERE $investigations IS NULL OR r.investigation IN $investigations
RETURN count(r) AS relations
