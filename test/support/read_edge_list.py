"""An edge list as networkx reads it, for test/ingest/edge-list.test.ts.

Usage: read_edge_list.py FILE DEFAULT_TYPE directed|undirected sum|max
Prints one [type, u, v, weight, rows] per tie as JSON, u before v when undirected. Rows are
read by Python's csv module (header names in any case, from/to as source/target); each link
type is its own networkx Graph (DiGraph when directed), the weights of a tie's rows summed or
the largest kept, an empty weight cell read as 1.0 (Gephi's default).
"""

import csv
import json
import sys

import networkx as nx

path, default_type, mode, merge = sys.argv[1:5]
aliases = {"from": "source", "to": "target"}
graphs = {}
with open(path, newline="", encoding="utf-8-sig") as handle:
    for row in csv.DictReader(handle):
        row = {aliases.get(k.strip().lower(), k.strip().lower()): (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        kind = (row.get("type") or default_type).lower()
        graph = graphs.setdefault(kind, nx.Graph() if mode == "undirected" else nx.DiGraph())
        weight = float(row["weight"]) if row.get("weight") else 1.0
        u, v = row["source"], row["target"]
        if graph.has_edge(u, v):
            data = graph[u][v]
            data["weight"] = max(data["weight"], weight) if merge == "max" else data["weight"] + weight
            data["rows"] += 1
        else:
            graph.add_edge(u, v, weight=weight, rows=1)

ties = []
for kind, graph in sorted(graphs.items()):
    for u, v, data in graph.edges(data=True):
        if mode == "undirected" and v < u:
            u, v = v, u
        ties.append([kind, u, v, data["weight"], data["rows"]])
print(json.dumps(sorted(ties)))
