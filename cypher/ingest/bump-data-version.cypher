// The data version changes with every committed batch that changed something; analyses
// record the version they saw, so a stored result can tell whether it is stale.
MERGE (v:DataVersion {id: 'current'})
SET v.version = coalesce(v.version, 0) + 1, v.changedAt = datetime()
RETURN v.version AS version
