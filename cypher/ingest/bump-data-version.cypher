// The data version changes with every committed batch that changed something, and so does
// the version of each investigation whose data it changed (set to the new overall version);
// analyses record the versions they saw, so a stored result can tell whether it is stale and a
// run over investigations nobody touched since can be reused.
MERGE (v:DataVersion {id: 'current'})
SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
FOREACH (investigation IN $investigations |
  MERGE (s:DataVersion {id: 'investigation:' + investigation})
  SET s.version = v.version, s.changedAt = v.changedAt)
RETURN v.version AS version
