/**
 * What the OpenAPI document says of each operation beyond what its route declares: a stable
 * operationId (what generated clients name their methods) and, where the route's summary says
 * too little, a description. Every route needs an entry: a route without one stops the app at
 * start-up (plugins/openapi.ts), as a route without a permission does.
 */
export type OperationEntry = {
  operationId: string;
  description?: string;
  /** A body the route reads as a stream (no zod schema can describe it): what the document says of it. */
  streamedBody?: { contentTypes: string[]; description: string; example: string };
  /** Examples of the files a route answers, by content type (binary ones have none). */
  files?: Record<string, { example: unknown; schema?: Record<string, unknown> } | { binary: true }>;
};

const NDJSON_EXAMPLE = [
  '{"kind":"header","investigations":[{"id":"OP-TIDE","name":"Operation Tide"}],"defaults":{"source":"REP-2024-0117","grading":{"sourceEvaluation":2,"intelligenceAssessment":"B","handlingCode":"P"}}}',
  '{"kind":"person","record":{"id":"P-001","name":"Rekan Aziz","aliases":["Kaka"],"roles":["organiser"],"nationality":"IQ"}}',
  '{"kind":"person","record":{"id":"P-014","name":"Dilan Karim","roles":["facilitator"]}}',
  '{"kind":"link","record":{"id":"LK-55","type":"communication","from":"P-001","to":"P-014","count":37,"firstSeen":"2024-01-02","lastSeen":"2024-03-13"}}',
  '',
].join('\n');

const CSV_EXAMPLE = ['id,name,aliases,roles,nationality', 'P-001,Rekan Aziz,Kaka;K.A.,organiser,IQ', 'P-014,Dilan Karim,,facilitator;recruiter,IQ', ''].join('\n');

const EDGE_LIST_EXAMPLE = ['source,target,weight', 'P-001,P-014,3.5', 'P-014,P-001,1', 'P-014,P-022,0.75', ''].join('\n');

const GEXF_EXAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">' +
  '<nodes><node id="person:P-001" label="Rekan Aziz"/><node id="person:P-014" label="Dilan Karim"/></nodes>' +
  '<edges><edge id="0" source="person:P-001" target="person:P-014" weight="2.4"/></edges></graph></gexf>\n';

const GRAPHML_EXAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">' +
  '<node id="person:P-001"/><node id="person:P-014"/><edge source="person:P-001" target="person:P-014"/></graph></graphml>\n';

const GRAPHOLOGY_EXAMPLE = {
  options: { type: 'undirected', multi: false, allowSelfLoops: false },
  attributes: { run: '3f6c1d2e-8a4b-4c7e-9f10-2b5d6e7a8c90' },
  nodes: [
    { key: 'person:P-001', attributes: { label: 'Rekan Aziz', harmScore: 81.4, rank: 1, community: 'C-01' } },
    { key: 'person:P-014', attributes: { label: 'Dilan Karim', harmScore: 55.2, rank: 2, community: 'C-01' } },
  ],
  edges: [{ source: 'person:P-001', target: 'person:P-014', attributes: { strength: 2.4 } }],
};

export const OPERATIONS: Readonly<Record<string, OperationEntry>> = {
  'GET /healthz': { operationId: 'getLiveness', description: 'Whether the process is alive; needs no credential and never touches the database.' },
  'GET /readyz': { operationId: 'getReadiness', description: 'Whether Neo4j answers and the schema is applied; 503 with the reason while it does not. Needs no credential.' },
  'GET /v1/system': { operationId: 'getSystem', description: 'What is serving: versions, the Neo4j server and its plugins, a dedicated GDS server, applied migrations.' },
  'POST /v1/ingest': { operationId: 'ingestDocument' },
  'POST /v1/ingest/ndjson': {
    operationId: 'ingestNdjson',
    streamedBody: { contentTypes: ['application/x-ndjson', 'application/jsonl'], description: 'A header line, then one `{kind, record}` a line', example: NDJSON_EXAMPLE },
  },
  'POST /v1/ingest/csv/{kind}': {
    operationId: 'ingestCsv',
    streamedBody: {
      contentTypes: ['text/csv', 'application/csv'],
      description: 'A header row naming the columns (docs/csv-columns.md), then one record a row',
      example: CSV_EXAMPLE,
    },
  },
  'POST /v1/ingest/csv/links': {
    operationId: 'ingestEdgeList',
    streamedBody: {
      contentTypes: ['text/csv', 'application/csv'],
      description: 'An edge list: a header row `source,target[,weight][,type][,date]` (docs/csv-columns.md), then one tie a row',
      example: EDGE_LIST_EXAMPLE,
    },
  },
  'GET /v1/investigations': { operationId: 'listInvestigations' },
  'GET /v1/resolution/candidates': {
    operationId: 'listResolutionCandidates',
    description:
      'Pairs of people, organisations, vessels or accounts of one type that the record-linkage model (docs/resolution.md) finds likely to be one entity, over the ' +
      'investigations asked for that the caller may see, most probable first. Each record is its copies in those investigations merged by id: nothing any other ' +
      'investigation holds (a name, an alias, a phone, a neighbour) shapes a candidate. Each carries its probability, the evidence weighed, both records’ labels ' +
      'and investigations, and the newest standing decision on the pair in the scope.',
  },
  'POST /v1/resolution/decisions': {
    operationId: 'decideResolution',
    description:
      'Accepts or rejects a candidate pair (or merges several named records) in one investigation. Every record must have a copy of the type in that investigation, ' +
      'which the caller must be assigned. The decision keeps the analyst, the time, the reason and the model’s evidence at the time; the records stay as loaded. ' +
      'The investigation’s data version moves, so runs over it made before show as stale. Analyses take accepted decisions with scope.resolution "accepted" or "auto:p"; ' +
      'a rejection keeps auto-merging from joining the pair.',
  },
  'GET /v1/resolution/decisions': {
    operationId: 'listResolutionDecisions',
    description:
      'The resolution decisions of the investigations asked for that the caller may see (left out: all it may see), newest first; undone ones too with undone=true, ' +
      'each with who undid it and when.',
  },
  'DELETE /v1/resolution/decisions/{id}': {
    operationId: 'undoResolutionDecision',
    description: 'Undoes a decision: it stays, marked undone by whom and when, and analyses no longer take it (its investigation’s data version moves). Audited like the decision.',
  },
  'GET /v1/entities': {
    operationId: 'searchEntities',
    description:
      'Search the entities of the investigations the caller may see: by words of a name, alias or identifier (`q`, prefixes match), by exact identifier ' +
      '(`identifier`: `kind:value` such as phone:+447700900123, imei:…, passport:…, registration:…, engine:…, plate:…, iban:…, or a bare value tried as every kind; ' +
      'normalised as loads are, so 0044 7700 900123 finds +447700900123), or by filters alone (`type`, `investigation`, `role`); give q or identifier, not both, ' +
      'and at least one of these. An investigation the caller may not see finds nothing, as an unknown one does. Hits carry what tells entities apart: a display label, ' +
      'kind, nationality, date of birth, aliases, roles, identifier keys, the visible investigations, and latestRank (rank, harm score, run id in the newest finished ' +
      'run the caller may see that ranked the entity; null when none). Copies in several visible investigations are one hit.',
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
  'GET /v1/money/flows': {
    operationId: 'getMoneyFlows',
    description:
      'Payments in a scope (the analyses’ scope: investigations, window, grading) summed per payer → payee: count, exact totals per currency and converted to the reporting currency (decimal strings of minor units), first and last date, and the payments behind each; with the top payers and payees. A payment held by several of your investigations counts once. With `entity`, only that entity’s flows and its totals in and out. With via=holders, accounts stand for their holders.',
  },
  'GET /v1/money/trace': {
    operationId: 'traceMoney',
    description:
      'Chains of payments from one entity: forward (what it paid, then what its payees paid on) or backward (who paid it, then who paid them), up to `hops` payments, by default each on or after the one before. A chain stops where it reaches a party already on it. Paged; capped, with `truncated`.',
  },
  'GET /v1/paths': {
    operationId: 'findPaths',
    description:
      'The k shortest simple paths between two entities within maxHops ties, in hops or in tie strength (a tie 1 / strength long), over the investigations the caller may see, an entity’s copies in several of them walked as one. Memberships are not ties; placeholders are nodes; hubs are walked unless `exclude` names their type. No path: 200 with an empty list and a reason. An end the caller cannot see answers 404, as an unknown one does.',
  },
  'POST /v1/analyses/preview': { operationId: 'previewAnalysis' },
  'POST /v1/analyses/links/suggest': {
    operationId: 'suggestLinks',
    description:
      'Pairs of people with no tie of any kind in a scope (or a run’s scope) that a link-prediction index scores above 0: Katz (the default, best on held-out ties), Adamic–Adar or resource allocation. Each with its shared contacts and the kinds of tie to them, the paths of three ties, a likelihood fitted on the scope by hiding a seeded 10% of its ties, and a sentence. Only your investigations are read. Paged by offset; `people` keeps the pairs with one of them. Scopes over ANALYTICS_PREVIEW_MAX_TIES ties are refused with 413.',
  },
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
  'GET /v1/analyses/{id}/context': {
    operationId: 'getAnalysisContext',
    description:
      'The vessels, crossings, payments (and the accounts they pass through) and places (locations, routes) of a run’s scope, graded into it and in its window, with their relations to each other and to people and organisations, each with its direction, count, first and last dates and, for a payment’s, the amount. Read as the data stands now, within the investigations the caller may see; an entity or relation held by several of them is one. Drawn context: the run’s measures and ranking are over its analysed graph only.',
  },
  'GET /v1/analyses/{id}/export': {
    operationId: 'exportAnalysis',
    files: {
      'application/gexf+xml': { example: GEXF_EXAMPLE },
      'application/graphml+xml': { example: GRAPHML_EXAMPLE },
      'application/zip': { binary: true },
      'application/json': {
        example: GRAPHOLOGY_EXAMPLE,
        schema: { type: 'object', description: 'The graph in graphology’s serialisation (options, attributes, nodes, edges)', additionalProperties: true },
      },
    },
  },
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
