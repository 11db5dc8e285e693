// The people projection's read starts from the scope's investigations (analytics/people-nodes
// and people-links): with these, an analysis of one investigation finds its people and
// organisations by index instead of scanning every investigation's. The copy keys of schema/006
// lead with the id, so they cannot serve a lookup by investigation alone.
CREATE INDEX person_investigation IF NOT EXISTS FOR (n:Person) ON (n.investigation);
CREATE INDEX organisation_investigation IF NOT EXISTS FOR (n:Organisation) ON (n.investigation);
