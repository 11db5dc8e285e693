"""Reads a run's exports with readers nobody in this project wrote, and prints what they saw.

networkx reads the GEXF and the GraphML; Python's csv module reads nodes.csv and edges.csv;
Python's json module reads the JSON export. For each format: every node's neighbours (other
nodes only: a tie to oneself is listed apart), its community, degree and records (a resolved
entity's) attributes as the file states them, and each tie's money. Used by test/exports/read-back.test.ts.

Usage: python3 read_exports.py DIR  (DIR holds graph.gexf, graph.graphml, nodes.csv, edges.csv, graph.json)
       python3 read_exports.py --gexf FILE  (one GEXF file, such as the explorer's own export)
"""

import csv
import json
import os
import sys

import networkx as nx


def from_networkx(graph):
    nodes = {}
    for key, data in graph.nodes(data=True):
        nodes[str(key)] = {
            "neighbours": sorted(str(v) for v in graph.neighbors(key) if v != key),
            "selfTie": graph.has_edge(key, key),
            "community": str(data.get("community")),
            "degree": int(data["degree"]) if "degree" in data else None,
            # A resolved entity's records (ids joined by ;), as the file states them; None without.
            "records": str(data["records"]) if data.get("records") else None,
        }
    money = sorted(float(d.get("money", 0)) for _, _, d in graph.edges(data=True))
    return {"nodes": nodes, "ties": graph.number_of_edges(), "money": money}


def from_tables(node_rows, edge_rows):
    graph = nx.Graph()
    for row in node_rows:
        graph.add_node(row["key"], community=row["community"], degree=row["degree"], records=row.get("records"))
    for row in edge_rows:
        graph.add_edge(row["source"], row["target"], money=row["money"])
    out = from_networkx(graph)
    out["ties"] = len(edge_rows)
    return out


def main(folder):
    gexf = nx.read_gexf(os.path.join(folder, "graph.gexf"))
    graphml = nx.read_graphml(os.path.join(folder, "graph.graphml"))
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        node_rows = list(csv.DictReader(f))
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        edge_rows = list(csv.DictReader(f))
    with open(os.path.join(folder, "graph.json"), encoding="utf-8") as f:
        exported = json.load(f)["graph"]
    json_nodes = [{"key": n["key"], **n["attributes"]} for n in exported["nodes"]]
    json_edges = [{"source": e["source"], "target": e["target"], **e.get("attributes", {})} for e in exported["edges"]]
    print(
        json.dumps(
            {
                "networkx": nx.__version__,
                "gexf": from_networkx(gexf),
                "graphml": from_networkx(graphml),
                "csv": from_tables(node_rows, edge_rows),
                "json": from_tables(json_nodes, json_edges),
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "--gexf":
        print(json.dumps(from_networkx(nx.read_gexf(sys.argv[2]))))
    else:
        main(sys.argv[1])
