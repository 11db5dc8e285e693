"""Expected k shortest simple paths for test/analytics/paths/k-shortest.test.ts, from networkx.

Random graphs (seeded, written out with their edges), and for each (source, target, k, maxHops,
weighted) the paths networkx's shortest_simple_paths yields, those over maxHops left out, taken
in its order until k are found and the next is longer than the kth, then sorted by (length,
hops, node keys): networkx orders equally long paths arbitrarily, the service by keys.
Run: python3 test/analytics/paths/k-shortest-expected.py > test/analytics/paths/k-shortest.expected.json
"""
import json
import random
from itertools import islice

import networkx as nx


def graph(seed, n, m, weights):
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(f"n{i:02d}" for i in range(n))
    while g.number_of_edges() < m:
        a, b = rng.sample(range(n), 2)
        w = weights(rng)
        g.add_edge(f"n{a:02d}", f"n{b:02d}", weight=w)
    return g


def expected(g, s, t, k, max_hops, weighted):
    weight = "weight" if weighted else None
    length = (lambda p: sum(g[a][b]["weight"] for a, b in zip(p, p[1:]))) if weighted else (lambda p: len(p) - 1)
    found = []
    try:
        for p in nx.shortest_simple_paths(g, s, t, weight=weight):
            if len(p) - 1 > max_hops:
                continue
            if len(found) >= k and length(p) > length(found[k - 1]) + 1e-9:
                break
            found.append(p)
    except nx.NetworkXNoPath:
        pass
    found.sort(key=lambda p: (round(length(p), 9), len(p), p))
    return [{"nodes": p, "length": length(p)} for p in found[:k]]


cases = []
specs = [
    ("sparse-hops", 1, 14, 22, lambda r: 1, False),
    ("dense-hops", 2, 12, 30, lambda r: 1, False),
    ("integer-weights", 3, 16, 32, lambda r: r.randint(1, 5), True),
    ("float-weights", 4, 18, 36, lambda r: round(1 / r.uniform(0.2, 5), 6), True),
    ("two-components", 5, 14, 14, lambda r: r.randint(1, 3), True),
]
for name, seed, n, m, weights, weighted in specs:
    g = graph(seed, n, m, weights)
    rng = random.Random(seed * 100)
    queries = []
    for _ in range(4):
        s, t = rng.sample(sorted(g.nodes), 2)
        for k, max_hops in [(1, 6), (3, 6), (10, 8), (10, 3)]:
            queries.append({"source": s, "target": t, "k": k, "maxHops": max_hops, "paths": expected(g, s, t, k, max_hops, weighted)})
    cases.append({
        "name": name,
        "weighted": weighted,
        "nodes": sorted(g.nodes),
        "edges": [[a, b, d["weight"]] for a, b, d in sorted(g.edges(data=True))],
        "queries": queries,
    })
print(json.dumps(cases, indent=1))
