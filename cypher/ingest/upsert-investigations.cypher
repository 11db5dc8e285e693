UNWIND $investigations AS investigation
MERGE (i:Investigation {id: investigation.id})
SET i.name = coalesce(investigation.name, i.name)
