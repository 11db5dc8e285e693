/**
 * What the OpenAPI document says of each operation beyond what its route declares: a stable
 * operationId (what generated clients name their methods) and, where the route's summary says
 * too little, a description. Every route needs an entry: a route without one stops the app at
 * start-up (plugins/openapi.ts), as a route without a permission does.
 */
export const OPERATIONS: Readonly<Record<string, { operationId: string; description?: string }>> = {
  'GET /healthz': { operationId: 'getLiveness', description: 'Whether the process is alive; needs no credential and never touches the database.' },
  'GET /readyz': { operationId: 'getReadiness', description: 'Whether Neo4j answers and the schema is applied; 503 with the reason while it does not. Needs no credential.' },
  'GET /v1/system': { operationId: 'getSystem', description: 'What is serving: versions, the Neo4j server and its plugins, a dedicated GDS server, applied migrations.' },
  'POST /v1/ingest': { operationId: 'ingestDocument' },
  'POST /v1/ingest/ndjson': { operationId: 'ingestNdjson' },
  'POST /v1/ingest/csv/{kind}': { operationId: 'ingestCsv' },
  'GET /v1/investigations': { operationId: 'listInvestigations' },
  'GET /v1/entities': {
    operationId: 'searchEntities',
    description: 'Full-text search over names, aliases and identifiers of the entities in the investigations the caller may see; words match as prefixes.',
  },
  'GET /v1/entities/{type}/{id}': {
    operationId: 'getEntity',
    description:
      'One entity as the caller may see it: what each of its investigations holds about it (facts), the latest recorded values and provenance, and its relations. An entity outside the caller’s investigations answers 404.',
  },
  'DELETE /v1/entities/{type}/{id}': {
    operationId: 'eraseEntity',
    description:
      'Erases what the caller’s investigations hold about an entity, with its relations and its results in stored runs; a `*` admin erases it everywhere. The erasure is recorded.',
  },
  'GET /v1/entities/{type}/{id}/network': {
    operationId: 'getNeighbourhood',
    description: 'The entities around one, breadth first up to `depth` steps and `limit` nodes, within the caller’s investigations.',
  },
  'GET /v1/paths': {
    operationId: 'findPaths',
    description:
      'The k shortest simple paths between two entities within maxHops ties, in hops or in tie strength (a tie 1 / strength long), over the investigations the caller may see, an entity’s copies in several of them walked as one. Memberships are not ties; placeholders are nodes; hubs are walked unless `exclude` names their type. No path: 200 with an empty list and a reason. An end the caller cannot see answers 404, as an unknown one does.',
  },
  'POST /v1/analyses/preview': { operationId: 'previewAnalysis' },
  'POST /v1/analyses': { operationId: 'startAnalysis' },
  'GET /v1/analyses': {
    operationId: 'listAnalyses',
    description: 'Stored runs whose whole scope the caller may see, newest first, with their status and whether later loads made them stale.',
  },
  'GET /v1/analyses/{id}': {
    operationId: 'getAnalysis',
    description: 'One run: status and live progress, scope, parameters as applied, summary, timings; 404 when its scope is not all visible to the caller.',
  },
  'DELETE /v1/analyses/{id}': { operationId: 'cancelAnalysis', description: 'Cancels a queued or running run; with purge=true deletes an ended run and everything it stored.' },
  'GET /v1/analyses/{id}/rankings': {
    operationId: 'getRanking',
    description: 'A run’s harm ranking, a page at a time, each entry with its score and the explanation of its score.',
  },
  'GET /v1/analyses/{id}/communities': { operationId: 'listCommunities', description: 'A run’s communities, largest first, with their size, density and leading members.' },
  'GET /v1/analyses/{id}/communities/{communityId}': { operationId: 'getCommunity', description: 'One community of a run with its members, a page at a time, in rank order.' },
  'GET /v1/analyses/{id}/entities/{type}/{entityId}': {
    operationId: 'getAnalysedEntity',
    description: 'One entity’s result in a run: its measures, score, rank, community and explanation.',
  },
  'GET /v1/analyses/{id}/compare/{otherId}': {
    operationId: 'compareAnalyses',
    description: 'What changed between two runs: who rose, fell, entered or left the top of the ranking, and how the communities moved.',
  },
  'GET /v1/analyses/{id}/export': { operationId: 'exportAnalysis' },
  'GET /v1/rankings/latest': {
    operationId: 'getLatestRanking',
    description: 'The ranking of the newest finished run over exactly the given investigations (all, when none are named).',
  },
  'POST /v1/disruption/plan': { operationId: 'planDisruption' },
  'POST /v1/disruption/what-if': { operationId: 'whatIf' },
  'GET /v1/keys': {
    operationId: 'listKeys',
    description: 'API keys within the caller’s investigations (never their secrets): who holds them, their role, investigations, last use and revocation.',
  },
  'POST /v1/keys': { operationId: 'createKey', description: 'Makes an API key; its secret is in this answer only. A limited admin makes keys within its own investigations only.' },
  'DELETE /v1/keys/{id}': { operationId: 'revokeKey', description: 'Revokes a key from the next request on. A key wider than the caller’s own investigations answers 404.' },
  'GET /v1/audit': {
    operationId: 'listAuditRecords',
    description: 'The audit trail, newest first, filtered by principal, route, time or investigation; a limited admin reads records of its own investigations only.',
  },
  'GET /v1/audit/verify': {
    operationId: 'verifyAuditTrail',
    description: 'Checks the whole chain against the audit key and the checkpoints written outside the database, naming the first bad record or missing range. `*` admins only.',
  },
};
