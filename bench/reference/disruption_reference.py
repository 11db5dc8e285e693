"""Reference for bench/disruption/main.ts: the planner's measures and its greedy step with networkx.

Usage: python3 disruption_reference.py --edges FILE --orders FILE --budget-s S --out FILE

The edge list is the people projection the planner ran on ("n m", then "u v weight distance"
per tie; isolated nodes count in n). --orders is JSON: {"candidates": [node, ...],
"orders": {label: [node, ...]}, "replay": {label: "static" | "adaptive"}}, each strategy's
removal order as the planner chose it; "replay" (optional) names the hops betweenness orders to
replay step by step.

Timed (loading the graph is not):
  curves   for every strategy's order, the largest connected component and Borgatti's
           fragmentation 1 - sum s(s-1) / (n(n-1)) of the nodes left after each removal
           (networkx connected_components after each step), to check the planner's figures
           and to time the same work;
  greedy   the first step of the naive greedy key-player search: remove each candidate in
           turn and count components (networkx connected_components), as long as it fits
           --budget-s; the result gives the time per candidate evaluation, from which a whole
           greedy run (k steps x candidates) is extrapolated.

Not timed:
  replay   for each order named in "replay", networkx's own betweenness_centrality (hops:
           every tie 1 long, normalized) of the candidates: on the intact network for a static
           list, on the network left after the steps before for an adaptive one. Per step: the
           planner's pick, networkx's value for it and the highest value among the candidates
           still in, so a caller checks the pick is a highest one (ties may go either way).

Writes one JSON object to --out; progress goes to stderr.
"""

import argparse
import json
import sys
import time

import networkx as nx


def log(text):
    print(f"[disruption-reference {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def read_graph(path):
    with open(path) as f:
        n, _m = map(int, f.readline().split())
        graph = nx.Graph()
        graph.add_nodes_from(range(n))
        for line in f:
            u, v, _w, _d = line.split()
            graph.add_edge(int(u), int(v))
    return graph


def state(graph):
    sizes = [len(c) for c in nx.connected_components(graph)]
    n = graph.number_of_nodes()
    pairs = sum(s * (s - 1) for s in sizes)
    return {"largest": max(sizes, default=0), "fragmentation": 1.0 if n < 2 else 1 - pairs / (n * (n - 1))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edges", required=True)
    parser.add_argument("--orders", required=True)
    parser.add_argument("--budget-s", type=float, default=60)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    graph = read_graph(args.edges)
    with open(args.orders) as f:
        spec = json.load(f)
    log(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties, {len(spec['orders'])} orders")

    curves = {}
    started = time.perf_counter()
    for strategy, order in spec["orders"].items():
        left = graph.copy()
        steps = []
        for node in order:
            left.remove_node(node)
            steps.append(state(left))
        curves[strategy] = steps
    curves_seconds = time.perf_counter() - started
    log(f"curves in {curves_seconds:.2f} s")

    evaluations = 0
    started = time.perf_counter()
    for node in spec["candidates"]:
        left = graph.copy()
        left.remove_node(node)
        state(left)
        evaluations += 1
        if time.perf_counter() - started > args.budget_s:
            break
    greedy_seconds = time.perf_counter() - started
    log(f"greedy: {evaluations} of {len(spec['candidates'])} candidate evaluations in {greedy_seconds:.2f} s")

    replay = {}
    candidates = set(spec["candidates"])
    for label, mode in spec.get("replay", {}).items():
        left = graph.copy()
        intact = nx.betweenness_centrality(graph, normalized=True)
        steps = []
        for node in spec["orders"][label]:
            values = intact if mode == "static" else nx.betweenness_centrality(left, normalized=True)
            best = max((values[v] for v in left.nodes if v in candidates), default=0.0)
            steps.append({"pick": node, "value": values[node], "best": best})
            left.remove_node(node)
        replay[label] = steps
    if replay:
        log(f"replayed {', '.join(replay)}")

    with open(args.out, "w") as f:
        json.dump(
            {
                "networkx": nx.__version__,
                "python": sys.version.split()[0],
                "curves": curves,
                "replay": replay,
                "curvesSeconds": curves_seconds,
                "greedy": {"evaluations": evaluations, "candidates": len(spec["candidates"]), "seconds": greedy_seconds},
            },
            f,
        )


if __name__ == "__main__":
    main()
