// Identifiers that tell entities apart (phones, IMEIs, documents, registrations, serials,
// plates, IBANs) are kept on each copy as `identifierKeys`, a list of `kind:value` strings in
// normal form (src/model/identifiers.ts, docs/identifiers.md). Exact lookup by identifier
// (GET /v1/entities?identifier=) reads this index: the keyword analyzer makes each key one
// term, matched whole and case-sensitively, which a range index cannot do for `key IN list`.
CREATE FULLTEXT INDEX entity_identifiers IF NOT EXISTS
FOR (n:Person|Organisation|Vessel|Location|Route|Crossing|Payment|Account) ON EACH [n.identifierKeys]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

// Keys for what was loaded before: registrations, serials, plates and hull ids upper-case with
// spaces, dots, dashes and slashes removed; account identifiers that read as IBANs without spaces.
MATCH (n:Vessel|Organisation)
WHERE n.identifierKeys IS NULL AND (n.registration IS NOT NULL OR n.engineSerial IS NOT NULL OR n.plate IS NOT NULL OR n.hullId IS NOT NULL)
WITH n, [pair IN [['registration', n.registration], ['engine', n.engineSerial], ['plate', n.plate], ['hull', n.hullId]] WHERE pair[1] IS NOT NULL |
        pair[0] + ':' + toUpper(replace(replace(replace(replace(replace(replace(replace(pair[1], ' ', ''), '.', ''), '-', ''), '/', ''), '(', ''), ')', ''), '\t', ''))] AS keys
SET n.identifierKeys = keys, n.searchText = coalesce(n.searchText, n.id) + reduce(t = '', k IN keys | t + ' | ' + k);

MATCH (n:Account)
WHERE n.identifierKeys IS NULL AND n.identifier IS NOT NULL
WITH n, replace(n.identifier, ' ', '') AS compact
WITH n, CASE WHEN toUpper(compact) =~ '[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}' THEN 'iban:' + toUpper(compact) ELSE 'account:' + trim(n.identifier) END AS key
SET n.identifierKeys = [key], n.searchText = coalesce(n.searchText, n.id) + ' | ' + key;
