// What cached reads are valid for (src/cache/read-stamp.ts): the data version, moved by every
// load and erasure, and the read version, moved by what else a cached answer or API key depends
// on (a key revoked, a run ending or purged, scores written back onto entities). Two lookups by
// unique id: read once per batch of requests arriving together.
OPTIONAL MATCH (d:DataVersion {id: 'current'})
OPTIONAL MATCH (r:ReadVersion {id: 'reads'})
RETURN coalesce(d.version, 0) AS data, coalesce(r.version, 0) AS reads
