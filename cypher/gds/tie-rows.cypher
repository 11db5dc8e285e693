// GDS engine: the ties of gds/people-ties.cypher (pasted in where the subquery names it) as rows for the
// service, which keeps them for the linear-time measures, the community reports and the
// stored run; one row per tie, its ends by label and id.
CALL {
  __TIES__
}
RETURN [l IN labels(lo) WHERE l IN ['Person', 'Organisation']][0] AS fromLabel, lo.id AS from,
       [l IN labels(hi) WHERE l IN ['Person', 'Organisation']][0] AS toLabel, hi.id AS to,
       strength, money, kinds, strengths
