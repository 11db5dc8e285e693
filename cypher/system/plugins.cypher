// Which of the plugins the analytics can use are installed: Graph Data Science (gds.version)
// and APOC (apoc.version). SHOW FUNCTIONS lists them without failing when they are absent; their
// versions are asked for only then (calling a missing function fails the whole query).
SHOW FUNCTIONS YIELD name
WHERE name IN ['gds.version', 'apoc.version']
RETURN collect(name) AS installed
