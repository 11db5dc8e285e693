"""Reference link prediction for bench/links (npm run bench:links).

Reads in.json: {n, edges: [[u, v], ...] (the link graph, node indices, no self-loops),
person: [0|1, ...], positives: [[u, v], ...] (held-out ties), negatives: [[u, v], ...]
(sampled untied pairs), beta, maxLength, k: [10, 50, 100]} and writes out.json with, per index
(adamicAdar, resourceAllocation, katz): the scores of positives and negatives, the top max(k)
untied person pairs [[u, v, score], ...], and the seconds each took.

Adamic-Adar and resource allocation are networkx's adamic_adar_index and
resource_allocation_index, over every untied person pair at distance two for the top pairs.
Katz is sum_{l=1..maxLength} beta^l A^l with scipy.sparse, propagated from blocks of sources.
"""

import json
import sys
import time

import networkx as nx
import numpy as np
import scipy.sparse as sp


def main(src, dst):
    with open(src) as f:
        data = json.load(f)
    n = data["n"]
    edges = data["edges"]
    person = np.array(data["person"], dtype=bool)
    positives = [tuple(p) for p in data["positives"]]
    negatives = [tuple(p) for p in data["negatives"]]
    kmax = max(data["k"])
    beta = data["beta"]
    max_length = data["maxLength"]

    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(map(tuple, edges))
    out = {"networkx": nx.__version__, "numpy": np.__version__, "scipy": __import__("scipy").__version__}

    def top(scored):
        scored.sort(key=lambda t: -t[2])
        return [[int(u), int(v), float(s)] for u, v, s in scored[:kmax]]

    # Untied person pairs at distance two: the candidates of the shared-neighbour indices.
    started = time.perf_counter()
    two_hop = set()
    for w in G:
        nbrs = [x for x in G[w] if person[x]]
        for i, u in enumerate(nbrs):
            for v in nbrs[i + 1 :]:
                if not G.has_edge(u, v):
                    two_hop.add((u, v) if u < v else (v, u))
    candidates_seconds = time.perf_counter() - started

    for name, fn in (("adamicAdar", nx.adamic_adar_index), ("resourceAllocation", nx.resource_allocation_index)):
        started = time.perf_counter()
        pos = [s for _, _, s in fn(G, positives)]
        neg = [s for _, _, s in fn(G, negatives)]
        pairs_seconds = time.perf_counter() - started
        started = time.perf_counter()
        best = top(list(fn(G, two_hop)))
        top_seconds = time.perf_counter() - started + candidates_seconds
        out[name] = {"positives": pos, "negatives": neg, "top": best, "pairsSeconds": pairs_seconds, "topSeconds": top_seconds, "candidates": len(two_hop)}

    A = nx.to_scipy_sparse_array(G, nodelist=range(n), format="csr", dtype=np.float64)

    def katz_rows(sources):
        x = sp.csr_array((np.ones(len(sources)), (np.arange(len(sources)), sources)), shape=(len(sources), n)).toarray()
        total = np.zeros_like(x)
        weight = 1.0
        for _ in range(max_length):
            x = (A @ x.T).T
            weight *= beta
            total += weight * x
        return total

    started = time.perf_counter()
    scores = {}
    for pairs in (positives, negatives):
        by_source = {}
        for u, v in pairs:
            by_source.setdefault(u, []).append(v)
        sources = sorted(by_source)
        for lo in range(0, len(sources), 256):
            block = sources[lo : lo + 256]
            rows = katz_rows(block)
            for i, u in enumerate(block):
                for v in by_source[u]:
                    scores[(u, v)] = float(rows[i, v])
    pairs_seconds = time.perf_counter() - started

    started = time.perf_counter()
    people = np.flatnonzero(person)
    best = []
    for lo in range(0, len(people), 256):
        block = people[lo : lo + 256]
        rows = katz_rows(block)
        rows[:, ~person] = 0
        for i, u in enumerate(block):
            row = rows[i]
            row[: u + 1] = 0
            row[A.indices[A.indptr[u] : A.indptr[u + 1]]] = 0
            nz = np.flatnonzero(row > 0)
            if nz.size > kmax:
                nz = nz[np.argpartition(-row[nz], kmax)[:kmax]]
            best.extend((u, v, row[v]) for v in nz)
        best = sorted(best, key=lambda t: -t[2])[:kmax]
    top_seconds = time.perf_counter() - started
    out["katz"] = {
        "positives": [scores[p] for p in positives],
        "negatives": [scores[p] for p in negatives],
        "top": [[int(u), int(v), float(s)] for u, v, s in best],
        "pairsSeconds": pairs_seconds,
        "topSeconds": top_seconds,
    }
    with open(dst, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
