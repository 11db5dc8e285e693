UNWIND $rows AS row
CREATE (c:AnalysisCommunity)
SET c = row
