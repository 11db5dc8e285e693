// The read version (system/read-stamp.cypher): one node, moved by every write cached reads
// depend on besides the data version; unique, so writers merging it at once make one.
CREATE CONSTRAINT read_version_id IF NOT EXISTS FOR (n:ReadVersion) REQUIRE n.id IS UNIQUE;
