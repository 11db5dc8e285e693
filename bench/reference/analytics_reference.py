"""Reference timings for bench/analytics/main.ts: the engine's algorithms with networkx or igraph.

Usage: python3 analytics_reference.py --lib networkx|igraph --edges FILE [--sources FILE]
       [--seed N] [--budget-s S] --out FILE

The edge list is the people projection the engine analysed, written by the bench: a first line
"n m", then one line per tie "u v weight distance" (node indices 0..n-1; distance = 1/weight,
the path length the engine's betweenness and closeness use). Isolated nodes count in n.

Timed, each on its own (loading the graph is not timed):
  louvain      networkx louvain_communities(weight, resolution=1, seed) / igraph
               community_multilevel(weights, resolution=1), each plus the modularity of its result
  pagerank     weighted, alpha 0.85 (networkx: tol 1e-6, max_iter 100, as the engine)
  betweenness  normalised, path length = distance: exact without --sources; with --sources the
               same number of sampled sources as the engine (networkx draws its own k sources
               with the seed). python-igraph 0.10 cannot restrict betweenness to some sources:
               up to 20,000 nodes its exact betweenness is timed and compared per source, above
               that igraph's betweenness is not measured.
  closeness    harmonic, path length = distance, from every node or from the engine's sources
  eigenvector  networkx eigenvector_centrality (power iteration, max_iter 100, tol 1e-6, as the
               engine) / igraph eigenvector_centrality (ARPACK)
Per-source work (betweenness, closeness) that would run past --budget-s is cut to fewer
sources, chosen from a 3-source pilot; the result then says how many ran and the time per
source, from which the full run is extrapolated.

Every algorithm runs once on a 30-node ring before the timed runs, so one-time set-up (lazy
imports, first-call initialisation) is not counted against the library. Each timed run starts
after a gc.collect(); Louvain, PageRank and eigenvector runs under a second are repeated three
times and their median is reported (a collection of the previous step's garbage inside a
40 ms PageRank doubles it).

Writes one JSON object to --out; progress goes to stderr.
"""

import argparse
import gc
import json
import platform
import random
import resource
import sys
import time

PILOT_SOURCES = 3
# Up to this many nodes, igraph's exact betweenness stands in for the sampled one (per source).
EXACT_IGRAPH_UP_TO = 20_000
quiet = False


def log(text):
    if quiet:
        return
    print(f"[reference {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def read_edges(path):
    with open(path) as f:
        n, m = (int(x) for x in f.readline().split())
        edges, weights, distances = [], [], []
        for line in f:
            u, v, w, d = line.split()
            edges.append((int(u), int(v)))
            weights.append(float(w))
            distances.append(float(d))
    if len(edges) != m:
        raise SystemExit(f"analytics_reference: {path} announces {m} ties but has {len(edges)}")
    return n, edges, weights, distances


def timed(run):
    gc.collect()
    started = time.perf_counter()
    value = run()
    return value, time.perf_counter() - started


def measured(run):
    """timed(), repeated twice more when a run takes under a second; the median of the runs."""
    value, seconds = timed(run)
    if seconds >= 1:
        return value, seconds
    runs = sorted([seconds] + [timed(run)[1] for _ in range(2)])
    return value, runs[1]


def per_source(name, run, sources, budget_s):
    """Runs run(k_or_sources) on all sources, or on as many as fit the budget after a pilot."""
    wanted = len(sources)
    if wanted > PILOT_SOURCES:
        _, pilot_s = timed(lambda: run(sources[:PILOT_SOURCES]))
        each = pilot_s / PILOT_SOURCES
        fits = max(PILOT_SOURCES, int(budget_s / each)) if each > 0 else wanted
        if fits < wanted:
            log(f"{name}: {each:.2f} s per source, running {fits} of {wanted} sources to stay within {budget_s:.0f} s")
            sources = sources[:fits]
    _, seconds = timed(lambda: run(sources))
    return {"seconds": seconds, "sources": len(sources), "wantedSources": wanted, "perSourceSeconds": seconds / max(1, len(sources)), "complete": len(sources) == wanted}


def ring(size=30):
    edges = [(i, (i + 1) % size) for i in range(size)]
    return size, edges, [1.0 + i % 3 for i in range(size)], [1.0 / (1.0 + i % 3) for i in range(size)]


def run_networkx(n, edges, weights, distances, sources, seed, budget_s):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((u, v, {"weight": w, "distance": d}) for (u, v), w, d in zip(edges, weights, distances))
    out = {"library": "networkx", "version": nx.__version__}

    log("networkx: louvain")
    communities, detect_s = measured(lambda: nx.community.louvain_communities(g, weight="weight", resolution=1, seed=seed))
    modularity, modularity_s = measured(lambda: nx.community.modularity(g, communities, weight="weight", resolution=1))
    out["louvain"] = {"seconds": detect_s + modularity_s, "detectSeconds": detect_s, "modularitySeconds": modularity_s, "modularity": modularity, "communities": len(communities)}

    log("networkx: pagerank")
    _, seconds = measured(lambda: nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-6, max_iter=100))
    out["pagerank"] = {"seconds": seconds}

    every = sources is None
    all_sources = list(range(n)) if every else sources
    log(f"networkx: betweenness ({'exact' if every else f'{len(all_sources)} sampled sources'})")
    if every:
        _, seconds = timed(lambda: nx.betweenness_centrality(g, weight="distance", normalized=True))
        out["betweenness"] = {"seconds": seconds, "sources": n, "wantedSources": n, "perSourceSeconds": seconds / max(1, n), "complete": True, "exact": True}
    else:
        # networkx draws its own k sources (seeded); the count is what matters for the time.
        def betweenness(chosen):
            return nx.betweenness_centrality(g, k=len(chosen), weight="distance", normalized=True, seed=seed)

        out["betweenness"] = {**per_source("betweenness", betweenness, all_sources, budget_s), "exact": False}

    log("networkx: harmonic closeness")
    if every:
        _, seconds = timed(lambda: nx.harmonic_centrality(g, distance="distance"))
        out["closeness"] = {"seconds": seconds, "sources": n, "wantedSources": n, "perSourceSeconds": seconds / max(1, n), "complete": True, "exact": True}
    else:
        out["closeness"] = {**per_source("closeness", lambda chosen: nx.harmonic_centrality(g, distance="distance", sources=chosen), all_sources, budget_s), "exact": False}

    log("networkx: eigenvector")

    def eigenvector():
        try:
            nx.eigenvector_centrality(g, max_iter=100, tol=1e-6, weight="weight")
            return True
        except nx.PowerIterationFailedConvergence:
            return False

    converged, seconds = measured(eigenvector)
    out["eigenvector"] = {"seconds": seconds, "converged": converged, "method": "power iteration (max_iter 100, tol 1e-6)"}
    return out


def run_igraph(n, edges, weights, distances, sources, seed, budget_s):
    import igraph as ig

    random.seed(seed)  # python-igraph draws from Python's random module
    g = ig.Graph(n=n, edges=edges, directed=False)
    g.es["weight"] = weights
    g.es["distance"] = distances
    out = {"library": "igraph", "version": ig.__version__}

    log("igraph: louvain (multilevel)")
    clustering, detect_s = measured(lambda: g.community_multilevel(weights="weight", resolution=1))
    modularity, modularity_s = measured(lambda: g.modularity(clustering.membership, weights="weight", resolution=1))
    out["louvain"] = {"seconds": detect_s + modularity_s, "detectSeconds": detect_s, "modularitySeconds": modularity_s, "modularity": modularity, "communities": len(clustering)}

    log("igraph: pagerank")
    _, seconds = measured(lambda: g.pagerank(weights="weight", damping=0.85))
    out["pagerank"] = {"seconds": seconds}

    every = sources is None
    if every:
        log("igraph: betweenness (exact)")
        _, seconds = timed(lambda: g.betweenness(weights="distance", directed=False))
        out["betweenness"] = {"seconds": seconds, "sources": n, "wantedSources": n, "perSourceSeconds": seconds / max(1, n), "complete": True, "exact": True}
        log("igraph: harmonic closeness")
        _, seconds = timed(lambda: g.harmonic_centrality(weights="distance"))
        out["closeness"] = {"seconds": seconds, "sources": n, "wantedSources": n, "perSourceSeconds": seconds / max(1, n), "complete": True, "exact": True}
    else:
        if n <= EXACT_IGRAPH_UP_TO:
            # No subset betweenness in python-igraph 0.10: time it from every node, compared per source.
            log(f"igraph: betweenness (exact, from all {n} nodes: no source subset in python-igraph {ig.__version__})")
            _, seconds = timed(lambda: g.betweenness(weights="distance", directed=False))
            out["betweenness"] = {"seconds": seconds, "sources": n, "wantedSources": len(sources), "perSourceSeconds": seconds / max(1, n), "complete": False, "exact": True}
        else:
            out["betweenness"] = {"skipped": f"python-igraph {ig.__version__} has no betweenness from a subset of sources"}
        log(f"igraph: harmonic closeness ({len(sources)} sampled sources)")
        out["closeness"] = {**per_source("closeness", lambda chosen: g.harmonic_centrality(vertices=chosen, weights="distance"), sources, budget_s), "exact": False}

    log("igraph: eigenvector")
    _, seconds = measured(lambda: g.eigenvector_centrality(weights="weight", scale=True))
    out["eigenvector"] = {"seconds": seconds, "converged": True, "method": "ARPACK"}
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", choices=["networkx", "igraph"], required=True)
    parser.add_argument("--edges", required=True)
    parser.add_argument("--sources")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget-s", type=float, default=120)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    (n, edges, weights, distances), load_s = timed(lambda: read_edges(args.edges))
    sources = None
    if args.sources:
        with open(args.sources) as f:
            sources = [int(x) for x in f.read().split()]
    run = run_networkx if args.lib == "networkx" else run_igraph
    global quiet
    quiet = True
    run(*ring(), [0, 1, 2, 3], args.seed, 60)
    quiet = False
    started = time.perf_counter()
    out = run(n, edges, weights, distances, sources, args.seed, args.budget_s)
    out.update({
        "python": sys.executable,
        "pythonVersion": platform.python_version(),
        "nodes": n,
        "ties": len(edges),
        "readSeconds": load_s,
        "wallSeconds": time.perf_counter() - started,
        # ru_maxrss is in KiB on Linux.
        "peakRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    })
    with open(args.out, "w") as f:
        json.dump(out, f, indent=2)


if __name__ == "__main__":
    main()
