// After a bulk import: the nodes marked with $label (import-files-repository.ts emptyListLabel)
// get their property $key as an empty list, which the import tool reads as no value, and lose
// the mark. Run in an implicit transaction (CALL … IN TRANSACTIONS).
MATCH (n:$($label))
CALL (n) {
  SET n[$key] = []
  REMOVE n:$($label)
} IN TRANSACTIONS OF 10000 ROWS
