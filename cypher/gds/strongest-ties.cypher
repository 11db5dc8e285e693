// GDS engine, a stored run: each community's strongest internal ties (runs/store-task.ts
// strongestInternalTies: by strength, then tie order; at most $limit, with how many it has in all),
// communities by $membership (node number → community, little-endian int32 each, as bytes), by the service's own procedure
// (neo4j/procedures, sna.ties.strongest) on the graph projected with $kinds kind properties.
CALL sna.ties.strongest($graph, $membership, $kinds, $limit)
YIELD community, total, source, target, strength, money, kindCount
RETURN community, total, source, target, strength, money, kindCount
