// Facts belong to investigations (issue 18). An entity loaded under investigations A and B is
// stored as one node per investigation, each holding only what was loaded under it: its
// properties, provenance and history, and the relations loaded under it, which tie it to the
// same investigation's copies of the other ends. A principal limited to A reads A's copies
// only, so nothing loaded under B can reach A's team, and a load into A can neither read nor
// overwrite B's copy, nor tell whether one exists. Nodes and relations are keyed by (id,
// investigation); `investigations` stays a one-element list so the scope filters read as
// before. `shared` marks a node or relation whose id has copies in other investigations: an
// analysis over several investigations merges those by id (cypher/analytics/).
//
// The old one-node-per-id constraints go first, then existing data is split into copies,
// then the new keys are enforced.
DROP CONSTRAINT person_id IF EXISTS;
DROP CONSTRAINT organisation_id IF EXISTS;
DROP CONSTRAINT vessel_id IF EXISTS;
DROP CONSTRAINT location_id IF EXISTS;
DROP CONSTRAINT route_id IF EXISTS;
DROP CONSTRAINT crossing_id IF EXISTS;
DROP CONSTRAINT payment_id IF EXISTS;
DROP CONSTRAINT account_id IF EXISTS;
DROP CONSTRAINT rel_organised_id IF EXISTS;
DROP CONSTRAINT rel_piloted_id IF EXISTS;
DROP CONSTRAINT rel_recruited_for_id IF EXISTS;
DROP CONSTRAINT rel_travelled_on_id IF EXISTS;
DROP CONSTRAINT rel_used_vessel_id IF EXISTS;
DROP CONSTRAINT rel_on_route_id IF EXISTS;
DROP CONSTRAINT rel_departed_from_id IF EXISTS;
DROP CONSTRAINT rel_departs_from_id IF EXISTS;
DROP CONSTRAINT rel_arrives_at_id IF EXISTS;
DROP CONSTRAINT rel_via_id IF EXISTS;
DROP CONSTRAINT rel_paid_id IF EXISTS;
DROP CONSTRAINT rel_paid_to_id IF EXISTS;
DROP CONSTRAINT rel_for_crossing_id IF EXISTS;
DROP CONSTRAINT rel_holds_id IF EXISTS;
DROP CONSTRAINT rel_contact_id IF EXISTS;
DROP CONSTRAINT rel_communication_id IF EXISTS;
DROP CONSTRAINT rel_meeting_id IF EXISTS;
DROP CONSTRAINT rel_family_id IF EXISTS;
DROP CONSTRAINT rel_associate_id IF EXISTS;
DROP CONSTRAINT rel_bought_id IF EXISTS;
DROP CONSTRAINT rel_sold_id IF EXISTS;
DROP CONSTRAINT rel_owns_id IF EXISTS;
DROP CONSTRAINT rel_stored_id IF EXISTS;
DROP CONSTRAINT rel_stored_at_id IF EXISTS;
DROP CONSTRAINT rel_employed_by_id IF EXISTS;
DROP CONSTRAINT rel_director_of_id IF EXISTS;
DROP CONSTRAINT rel_operates_at_id IF EXISTS;

// One node per (id, investigation): the first investigation keeps the node, the others get copies.
MATCH (n:Person|Organisation|Vessel|Location|Route|Crossing|Payment|Account)
WHERE n.investigation IS NULL AND size(coalesce(n.investigations, [])) > 0
WITH n, n.investigations AS list
SET n.investigation = list[0], n.investigations = [list[0]], n.shared = CASE WHEN size(list) > 1 THEN true END
WITH n, list
UNWIND list[1..] AS investigation
CREATE (m)
SET m = properties(n), m.investigation = investigation, m.investigations = [investigation]
SET m:$(labels(n))
WITH m, investigation
MATCH (i:Investigation {id: investigation})
MERGE (m)-[:BELONGS_TO]->(i);

MATCH (n)-[b:BELONGS_TO]->(i:Investigation)
WHERE n.investigation IS NOT NULL AND i.id <> n.investigation
DELETE b;

// One relation per (id, investigation), between that investigation's copies of its ends.
MATCH (a)-[r]->(b)
WHERE NOT r:BELONGS_TO AND r.id IS NOT NULL AND r.investigation IS NULL AND size(coalesce(r.investigations, [])) > 0
WITH a, r, b, r.investigations AS list
UNWIND list AS investigation
MERGE (a2:$(labels(a)) {id: a.id, investigation: investigation})
  ON CREATE SET a2.unresolved = true, a2.investigations = [investigation], a2.shared = true
MERGE (b2:$(labels(b)) {id: b.id, investigation: investigation})
  ON CREATE SET b2.unresolved = true, b2.investigations = [investigation], b2.shared = true
CREATE (a2)-[r2:$(type(r))]->(b2)
SET r2 = properties(r), r2.investigation = investigation, r2.investigations = [investigation],
    r2.shared = CASE WHEN size(list) > 1 THEN true END
WITH DISTINCT r
DELETE r;

// The placeholders made above belong to their investigation, and every id with copies is marked.
MATCH (n:Person|Organisation|Vessel|Location|Route|Crossing|Payment|Account)
WHERE n.investigation IS NOT NULL AND NOT EXISTS { (n)-[:BELONGS_TO]->() }
MATCH (i:Investigation {id: n.investigation})
MERGE (n)-[:BELONGS_TO]->(i);

MATCH (n:Person|Organisation|Vessel|Location|Route|Crossing|Payment|Account)
WHERE n.investigation IS NOT NULL
WITH labels(n)[0] AS label, n.id AS id, collect(n) AS copies
WHERE size(copies) > 1
FOREACH (copy IN copies | SET copy.shared = true);

CREATE CONSTRAINT person_copy IF NOT EXISTS FOR (n:Person) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX person_id IF NOT EXISTS FOR (n:Person) ON (n.id);
CREATE CONSTRAINT organisation_copy IF NOT EXISTS FOR (n:Organisation) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX organisation_id IF NOT EXISTS FOR (n:Organisation) ON (n.id);
CREATE CONSTRAINT vessel_copy IF NOT EXISTS FOR (n:Vessel) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX vessel_id IF NOT EXISTS FOR (n:Vessel) ON (n.id);
CREATE CONSTRAINT location_copy IF NOT EXISTS FOR (n:Location) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX location_id IF NOT EXISTS FOR (n:Location) ON (n.id);
CREATE CONSTRAINT route_copy IF NOT EXISTS FOR (n:Route) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX route_id IF NOT EXISTS FOR (n:Route) ON (n.id);
CREATE CONSTRAINT crossing_copy IF NOT EXISTS FOR (n:Crossing) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX crossing_id IF NOT EXISTS FOR (n:Crossing) ON (n.id);
CREATE CONSTRAINT payment_copy IF NOT EXISTS FOR (n:Payment) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX payment_id IF NOT EXISTS FOR (n:Payment) ON (n.id);
CREATE CONSTRAINT account_copy IF NOT EXISTS FOR (n:Account) REQUIRE (n.id, n.investigation) IS UNIQUE;
CREATE INDEX account_id IF NOT EXISTS FOR (n:Account) ON (n.id);
CREATE CONSTRAINT rel_organised_copy IF NOT EXISTS FOR ()-[r:ORGANISED]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_organised_id IF NOT EXISTS FOR ()-[r:ORGANISED]-() ON (r.id);
CREATE CONSTRAINT rel_piloted_copy IF NOT EXISTS FOR ()-[r:PILOTED]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_piloted_id IF NOT EXISTS FOR ()-[r:PILOTED]-() ON (r.id);
CREATE CONSTRAINT rel_recruited_for_copy IF NOT EXISTS FOR ()-[r:RECRUITED_FOR]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_recruited_for_id IF NOT EXISTS FOR ()-[r:RECRUITED_FOR]-() ON (r.id);
CREATE CONSTRAINT rel_travelled_on_copy IF NOT EXISTS FOR ()-[r:TRAVELLED_ON]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_travelled_on_id IF NOT EXISTS FOR ()-[r:TRAVELLED_ON]-() ON (r.id);
CREATE CONSTRAINT rel_used_vessel_copy IF NOT EXISTS FOR ()-[r:USED_VESSEL]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_used_vessel_id IF NOT EXISTS FOR ()-[r:USED_VESSEL]-() ON (r.id);
CREATE CONSTRAINT rel_on_route_copy IF NOT EXISTS FOR ()-[r:ON_ROUTE]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_on_route_id IF NOT EXISTS FOR ()-[r:ON_ROUTE]-() ON (r.id);
CREATE CONSTRAINT rel_departed_from_copy IF NOT EXISTS FOR ()-[r:DEPARTED_FROM]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_departed_from_id IF NOT EXISTS FOR ()-[r:DEPARTED_FROM]-() ON (r.id);
CREATE CONSTRAINT rel_departs_from_copy IF NOT EXISTS FOR ()-[r:DEPARTS_FROM]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_departs_from_id IF NOT EXISTS FOR ()-[r:DEPARTS_FROM]-() ON (r.id);
CREATE CONSTRAINT rel_arrives_at_copy IF NOT EXISTS FOR ()-[r:ARRIVES_AT]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_arrives_at_id IF NOT EXISTS FOR ()-[r:ARRIVES_AT]-() ON (r.id);
CREATE CONSTRAINT rel_via_copy IF NOT EXISTS FOR ()-[r:VIA]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_via_id IF NOT EXISTS FOR ()-[r:VIA]-() ON (r.id);
CREATE CONSTRAINT rel_paid_copy IF NOT EXISTS FOR ()-[r:PAID]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_paid_id IF NOT EXISTS FOR ()-[r:PAID]-() ON (r.id);
CREATE CONSTRAINT rel_paid_to_copy IF NOT EXISTS FOR ()-[r:PAID_TO]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_paid_to_id IF NOT EXISTS FOR ()-[r:PAID_TO]-() ON (r.id);
CREATE CONSTRAINT rel_for_crossing_copy IF NOT EXISTS FOR ()-[r:FOR_CROSSING]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_for_crossing_id IF NOT EXISTS FOR ()-[r:FOR_CROSSING]-() ON (r.id);
CREATE CONSTRAINT rel_holds_copy IF NOT EXISTS FOR ()-[r:HOLDS]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_holds_id IF NOT EXISTS FOR ()-[r:HOLDS]-() ON (r.id);
CREATE CONSTRAINT rel_contact_copy IF NOT EXISTS FOR ()-[r:CONTACT]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_contact_id IF NOT EXISTS FOR ()-[r:CONTACT]-() ON (r.id);
CREATE CONSTRAINT rel_communication_copy IF NOT EXISTS FOR ()-[r:COMMUNICATION]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_communication_id IF NOT EXISTS FOR ()-[r:COMMUNICATION]-() ON (r.id);
CREATE CONSTRAINT rel_meeting_copy IF NOT EXISTS FOR ()-[r:MEETING]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_meeting_id IF NOT EXISTS FOR ()-[r:MEETING]-() ON (r.id);
CREATE CONSTRAINT rel_family_copy IF NOT EXISTS FOR ()-[r:FAMILY]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_family_id IF NOT EXISTS FOR ()-[r:FAMILY]-() ON (r.id);
CREATE CONSTRAINT rel_associate_copy IF NOT EXISTS FOR ()-[r:ASSOCIATE]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_associate_id IF NOT EXISTS FOR ()-[r:ASSOCIATE]-() ON (r.id);
CREATE CONSTRAINT rel_bought_copy IF NOT EXISTS FOR ()-[r:BOUGHT]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_bought_id IF NOT EXISTS FOR ()-[r:BOUGHT]-() ON (r.id);
CREATE CONSTRAINT rel_sold_copy IF NOT EXISTS FOR ()-[r:SOLD]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_sold_id IF NOT EXISTS FOR ()-[r:SOLD]-() ON (r.id);
CREATE CONSTRAINT rel_owns_copy IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_owns_id IF NOT EXISTS FOR ()-[r:OWNS]-() ON (r.id);
CREATE CONSTRAINT rel_stored_copy IF NOT EXISTS FOR ()-[r:STORED]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_stored_id IF NOT EXISTS FOR ()-[r:STORED]-() ON (r.id);
CREATE CONSTRAINT rel_stored_at_copy IF NOT EXISTS FOR ()-[r:STORED_AT]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_stored_at_id IF NOT EXISTS FOR ()-[r:STORED_AT]-() ON (r.id);
CREATE CONSTRAINT rel_employed_by_copy IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_employed_by_id IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() ON (r.id);
CREATE CONSTRAINT rel_director_of_copy IF NOT EXISTS FOR ()-[r:DIRECTOR_OF]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_director_of_id IF NOT EXISTS FOR ()-[r:DIRECTOR_OF]-() ON (r.id);
CREATE CONSTRAINT rel_operates_at_copy IF NOT EXISTS FOR ()-[r:OPERATES_AT]-() REQUIRE (r.id, r.investigation) IS UNIQUE;
CREATE INDEX rel_operates_at_id IF NOT EXISTS FOR ()-[r:OPERATES_AT]-() ON (r.id);
