// Analysis runs (issue 6): one AnalysisRun node per run; its results are AnalysisResult nodes
// (one per analysed entity), AnalysisCommunity nodes and AnalysisArtefact nodes (the analysed
// ties, packed), each carrying the run's id. They are not tied to the entities by relationships,
// so an analysis never locks an entity an ingest is writing, and never shows up as a neighbour.
CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (r:AnalysisRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX analysis_run_fingerprint IF NOT EXISTS FOR (r:AnalysisRun) ON (r.fingerprint);
CREATE INDEX analysis_run_status IF NOT EXISTS FOR (r:AnalysisRun) ON (r.status);
CREATE INDEX analysis_run_scope_finished IF NOT EXISTS FOR (r:AnalysisRun) ON (r.investigationsKey, r.finishedAt);
CREATE INDEX analysis_run_created IF NOT EXISTS FOR (r:AnalysisRun) ON (r.createdAt);
// Pages of a ranking in rank order, a community's members, and an entity's results (one run's, erasure).
CREATE INDEX analysis_result_position IF NOT EXISTS FOR (x:AnalysisResult) ON (x.runId, x.position);
CREATE INDEX analysis_result_community IF NOT EXISTS FOR (x:AnalysisResult) ON (x.runId, x.community, x.position);
CREATE INDEX analysis_result_entity IF NOT EXISTS FOR (x:AnalysisResult) ON (x.key);
CREATE INDEX analysis_community_position IF NOT EXISTS FOR (c:AnalysisCommunity) ON (c.runId, c.position);
CREATE INDEX analysis_community_id IF NOT EXISTS FOR (c:AnalysisCommunity) ON (c.runId, c.id);
CREATE INDEX analysis_artefact_part IF NOT EXISTS FOR (a:AnalysisArtefact) ON (a.runId, a.part);
