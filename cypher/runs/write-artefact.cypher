// One packed part of a run's analysed graph (typed arrays as byte arrays).
CREATE (a:AnalysisArtefact)
SET a = $artefact
