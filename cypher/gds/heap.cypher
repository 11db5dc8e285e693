// GDS engine: the Neo4j heap GDS can still use, to compare with a job's estimate.
CALL gds.debug.sysInfo() YIELD key, value
WITH key, value WHERE key IN ['availableHeapInBytes', 'heapMaxInBytes']
RETURN key, value
