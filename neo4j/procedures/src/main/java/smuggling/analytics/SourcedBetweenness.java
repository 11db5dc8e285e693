package smuggling.analytics;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.api.IdMap;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * Brandes' betweenness (and the closeness sums) from an explicit list of sources, on a graph in
 * GDS's catalogue: GDS 2.13's own betweenness draws its sample itself (samplingSize and
 * samplingSeed only, by degree, in its internal node order), so the service's two engines could
 * not start from the same nodes. Here the service names the sources (its own seeded draw,
 * src/analytics/centrality/shortest-paths.ts pickSources) by original node id, and gets, per
 * node, the unscaled sums the service's own engine adds up (accumulatePaths): dependencies summed
 * over the sources, and 1 / distance from each source. Lengths are 1 / strength (the relationship
 * property `strength`), or 1 with `hops`; path lengths within a relative 1e-12 count as equal, as
 * in the service. One thread, so the sums are added in one order.
 */
public class SourcedBetweenness {
    private static final double TIE = 1e-12;

    @Context
    public GraphDatabaseService db;

    public static class Row {
        public long nodeId;
        public double betweenness;
        public double closeness;

        Row(long nodeId, double betweenness, double closeness) {
            this.nodeId = nodeId;
            this.betweenness = betweenness;
            this.closeness = closeness;
        }
    }

    @Procedure(name = "sna.betweenness.stream", mode = Mode.READ)
    @Description("Betweenness and closeness sums from the given sources (original node ids; null: every node) on a projected GDS graph")
    public Stream<Row> stream(@Name("graphName") String graphName, @Name("sources") List<Long> sources, @Name("hops") boolean hops) {
        GraphStore store = Catalog.graphStore(db, graphName, "sna.betweenness");
        Graph graph = store.getGraph(store.nodeLabels(), store.relationshipTypes(), Optional.of("strength"));
        int n = Math.toIntExact(graph.nodeCount());
        long[] mapped;
        if (sources == null) {
            mapped = LongStream.range(0, n).toArray();
        } else {
            mapped = new long[sources.size()];
            for (int i = 0; i < mapped.length; i++) {
                long id = graph.safeToMappedNodeId(sources.get(i));
                if (id == IdMap.NOT_FOUND) throw new IllegalArgumentException("sna.betweenness: no node " + sources.get(i));
                mapped[i] = id;
            }
        }
        Sweep sweep = new Sweep(graph, n, hops);
        for (long s : mapped) sweep.accumulate((int) s);
        return LongStream.range(0, n).mapToObj(v -> new Row(graph.toOriginalNodeId(v), sweep.betweenness[(int) v], sweep.closeness[(int) v]));
    }

    /** One Dijkstra pass per source with an indexed 4-ary heap, and the dependencies accumulated back (Brandes 2001). */
    private static final class Sweep {
        final int n;
        final int[] offsets;
        final int[] targets;
        final double[] length;
        final double[] betweenness;
        final double[] closeness;
        final int[] order;
        final double[] dist;
        final double[] sigma;
        final double[] delta;
        final byte[] state;
        final int[] predCount;
        final int[] preds;
        final double[] heapKey;
        final int[] heapNode;
        final int[] heapAt;
        int heapSize;
        int reached;

        Sweep(Graph graph, int n, boolean hops) {
            this.n = n;
            offsets = new int[n + 1];
            for (int v = 0; v < n; v++) offsets[v + 1] = offsets[v] + graph.degree(v);
            targets = new int[offsets[n]];
            length = new double[offsets[n]];
            int[] fill = new int[1];
            for (int v = 0; v < n; v++) {
                fill[0] = offsets[v];
                graph.forEachRelationship(v, 1.0, (s, t, strength) -> {
                    targets[fill[0]] = (int) t;
                    length[fill[0]++] = hops ? 1.0 : 1.0 / strength;
                    return true;
                });
            }
            betweenness = new double[n];
            closeness = new double[n];
            order = new int[n];
            dist = new double[n];
            sigma = new double[n];
            delta = new double[n];
            state = new byte[n];
            predCount = new int[n];
            preds = new int[targets.length];
            heapKey = new double[n];
            heapNode = new int[n];
            heapAt = new int[n];
        }

        void siftUp(int i, double key, int node) {
            while (i > 0) {
                int parent = (i - 1) >> 2;
                double parentKey = heapKey[parent];
                if (parentKey <= key) break;
                int parentNode = heapNode[parent];
                heapKey[i] = parentKey;
                heapNode[i] = parentNode;
                heapAt[parentNode] = i;
                i = parent;
            }
            heapKey[i] = key;
            heapNode[i] = node;
            heapAt[node] = i;
        }

        int popMin() {
            int top = heapNode[0];
            int size = --heapSize;
            if (size > 0) {
                double key = heapKey[size];
                int node = heapNode[size];
                int i = 0;
                for (;;) {
                    int first = 4 * i + 1;
                    if (first >= size) break;
                    int child = first;
                    double childKey = heapKey[first];
                    for (int c = first + 1, end = Math.min(first + 4, size); c < end; c++) {
                        if (heapKey[c] < childKey) {
                            childKey = heapKey[c];
                            child = c;
                        }
                    }
                    if (childKey >= key) break;
                    int childNode = heapNode[child];
                    heapKey[i] = childKey;
                    heapNode[i] = childNode;
                    heapAt[childNode] = i;
                    i = child;
                }
                heapKey[i] = key;
                heapNode[i] = node;
                heapAt[node] = i;
            }
            return top;
        }

        void accumulate(int source) {
            for (int i = 0; i < reached; i++) {
                int v = order[i];
                state[v] = 0;
                delta[v] = 0;
            }
            reached = 0;
            dist[source] = 0;
            sigma[source] = 1;
            predCount[source] = 0;
            state[source] = 1;
            siftUp(heapSize++, 0, source);
            while (heapSize > 0) {
                int v = popMin();
                state[v] = 2;
                order[reached++] = v;
                double dv = dist[v];
                double sv = sigma[v];
                for (int e = offsets[v], end = offsets[v + 1]; e < end; e++) {
                    int w = targets[e];
                    byte seen = state[w];
                    if (seen == 2) continue;
                    double alt = dv + length[e];
                    if (seen == 0) {
                        dist[w] = alt;
                        sigma[w] = sv;
                        preds[offsets[w]] = v;
                        predCount[w] = 1;
                        state[w] = 1;
                        siftUp(heapSize++, alt, w);
                        continue;
                    }
                    double dw = dist[w];
                    if (dw - alt > TIE * dw) {
                        dist[w] = alt;
                        sigma[w] = sv;
                        preds[offsets[w]] = v;
                        predCount[w] = 1;
                        siftUp(heapAt[w], alt, w);
                    } else if (Math.abs(alt - dw) <= TIE * Math.max(alt, dw)) {
                        sigma[w] += sv;
                        preds[offsets[w] + predCount[w]++] = v;
                    }
                }
            }
            for (int i = reached - 1; i > 0; i--) {
                int w = order[i];
                double coefficient = (1 + delta[w]) / sigma[w];
                for (int p = offsets[w], end = p + predCount[w]; p < end; p++) {
                    int v = preds[p];
                    delta[v] += sigma[v] * coefficient;
                }
                betweenness[w] += delta[w];
                closeness[w] += 1 / dist[w];
            }
        }
    }
}
