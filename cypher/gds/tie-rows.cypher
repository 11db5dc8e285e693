// GDS engine: the ties of gds/people-ties.cypher (pasted in where the subquery names it) as rows for the
// service, which keeps them for the linear-time measures, the community reports and the
// stored run; one row per tie, its ends by label and id.
CALL {
  __TIES__
}
RETURN lo[0] AS fromLabel, lo[1] AS from, hi[0] AS toLabel, hi[1] AS to,
       strength, money, kinds
