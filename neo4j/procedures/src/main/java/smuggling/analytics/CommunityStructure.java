package smuggling.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.neo4j.gds.api.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * What the service's own engine computes from the ties once it knows the communities, computed
 * here on a graph in GDS's catalogue so that the GDS engine's analysis needs no tie in the
 * service: Louvain's labels (by original node id, any numbering) split into connected parts and
 * numbered as src/analytics/communities/louvain.ts partitionFromLabels numbers them (largest
 * first, then by smallest member), modularity at the given resolution, degree and strength,
 * eigenvector centrality (networkx's power iteration on A + I), participation and communities
 * bridged, articulation points and the people each cuts off, and per node its share of its
 * community's report (analytics/report.ts: internal and external ties, money inside, the other
 * communities it ties to). Each is a port of the service's function of the same name, tested
 * against it (test/analysis/gds/structure.test.ts); sums may differ in their last bits (the
 * neighbours are visited in another order).
 *
 * The graph is read as the service's CSR holds it: nodes by original id (the projection's
 * numbering), each tie both ways, a self-loop once (GDS keeps an undirected one twice); relationship
 * properties `strength` (the affinity) and `money` (whole units of the reporting currency).
 */
public class CommunityStructure {
    private static final double EIGEN_TOLERANCE = 1e-6;
    private static final int EIGEN_MAX_ITERATIONS = 100;

    @Context
    public GraphDatabaseService db;

    public static class Row {
        public long nodeId;
        public long community;
        public long degree;
        public double strength;
        public double eigenvector;
        public double participation;
        public long communitiesBridged;
        public boolean articulation;
        public long separated;
        /** Ties inside the node's community, a self-loop whole and any other tie half (each end holds half). */
        public double internalTies;
        public long externalTies;
        /** Money on ties inside the community, halved as internalTies. */
        public double internalMoney;
        /** The other communities among its neighbours, ascending. */
        public List<Long> bridgesTo;
        /** The same on every row: the partition's. */
        public double modularity;
        public long communities;
        public long eigenvectorIterations;
        public boolean eigenvectorConverged;
    }

    @Procedure(name = "sna.structure.stream", mode = Mode.READ)
    @Description("Communities split into connected parts, modularity, degree, strength, eigenvector, participation, articulation points and community report shares on a projected GDS graph, from Louvain's labels by original node id (little-endian int32 each)")
    public Stream<Row> stream(@Name("graphName") String graphName, @Name("labels") byte[] labels, @Name("resolution") double resolution) {
        GraphStore store = Catalog.graphStore(db, graphName, "sna.structure");
        Csr csr = Csr.of(store);
        int n = csr.n;
        int[] label = Catalog.perNode(labels, n, "sna.structure", "labels");

        int[] membership = partition(csr, label);
        int communities = Arrays.stream(membership).max().orElse(-1) + 1;
        double modularity = modularity(csr, membership, communities, resolution);
        double[] eigen = new double[n];
        int[] iterations = new int[1];
        boolean converged = eigenvector(csr, eigen, iterations);
        double[] participation = new double[n];
        int[] bridged = new int[n];
        participation(csr, membership, communities, participation, bridged);
        int[] separated = new int[n];
        boolean[] articulation = new boolean[n];
        articulationPoints(csr, articulation, separated);

        // Marks the communities already listed for the node being written (the stream is sequential).
        int[] listed = new int[communities];
        return IntStream.range(0, n).mapToObj(v -> {
            Row row = new Row();
            row.nodeId = v;
            row.community = membership[v];
            int c = membership[v];
            long degree = 0;
            double strength = 0;
            double internalTies = 0;
            long externalTies = 0;
            double internalMoney = 0;
            List<Long> others = new ArrayList<>();
            for (int e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) {
                int w = csr.targets[e];
                if (w == v) {
                    internalTies += 1;
                    internalMoney += csr.money[e];
                    continue;
                }
                degree++;
                strength += csr.weights[e];
                int d = membership[w];
                if (d == c) {
                    internalTies += 0.5;
                    internalMoney += csr.money[e] / 2;
                } else {
                    externalTies++;
                    if (listed[d] != v + 1) {
                        listed[d] = v + 1;
                        others.add((long) d);
                    }
                }
            }
            others.sort(null);
            row.degree = degree;
            row.strength = strength;
            row.eigenvector = eigen[v];
            row.participation = participation[v];
            row.communitiesBridged = bridged[v];
            row.articulation = articulation[v];
            row.separated = separated[v];
            row.internalTies = internalTies;
            row.externalTies = externalTies;
            row.internalMoney = internalMoney;
            row.bridgesTo = others;
            row.modularity = modularity;
            row.communities = communities;
            row.eigenvectorIterations = iterations[0];
            row.eigenvectorConverged = converged;
            return row;
        });
    }

    /** The graph by original node id, neighbours ascending, each tie both ways and a self-loop once. */
    static final class Csr {
        final int n;
        final int[] offsets;
        final int[] targets;
        final double[] weights;
        final double[] money;

        private Csr(int n, int[] offsets, int[] targets, double[] weights, double[] money) {
            this.n = n;
            this.offsets = offsets;
            this.targets = targets;
            this.weights = weights;
            this.money = money;
        }

        static Csr of(GraphStore store) {
            OriginalGraph graph = new OriginalGraph(store, List.of("strength", "money"), "sna.structure");
            int n = graph.n;
            int listed = Math.toIntExact(graph.listedTies());
            int[] offsets = new int[n + 1];
            int[] targets = new int[listed];
            double[] weights = new double[listed];
            double[] money = new double[listed];
            for (int v = 0; v < n; v++) {
                OriginalGraph.Neighbours neighbours = graph.neighbours(v);
                int at = offsets[v];
                System.arraycopy(neighbours.targets, 0, targets, at, neighbours.size);
                System.arraycopy(neighbours.values[0], 0, weights, at, neighbours.size);
                System.arraycopy(neighbours.values[1], 0, money, at, neighbours.size);
                offsets[v + 1] = at + neighbours.size;
            }
            int size = offsets[n];
            return new Csr(n, offsets, Arrays.copyOf(targets, size), Arrays.copyOf(weights, size), Arrays.copyOf(money, size));
        }
    }

    /** split-disconnected.ts labelComponents and louvain.ts partitionFromLabels: each label's connected parts, largest first, then by smallest member. */
    static int[] partition(Csr csr, int[] label) {
        int n = csr.n;
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int[] queue = new int[n];
        List<int[]> parts = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (component[start] != -1) continue;
            int c = parts.size();
            component[start] = c;
            int size = 0;
            queue[size++] = start;
            for (int head = 0; head < size; head++) {
                int v = queue[head];
                for (int e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) {
                    int w = csr.targets[e];
                    if (component[w] != -1 || label[w] != label[start]) continue;
                    component[w] = c;
                    queue[size++] = w;
                }
            }
            parts.add(new int[] {size, start, c});
        }
        parts.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : Integer.compare(a[1], b[1]));
        int[] renumber = new int[parts.size()];
        for (int i = 0; i < parts.size(); i++) renumber[parts.get(i)[2]] = i;
        int[] membership = new int[n];
        for (int v = 0; v < n; v++) membership[v] = renumber[component[v]];
        return membership;
    }

    /** modularity.ts csrModularity. */
    static double modularity(Csr csr, int[] membership, int communities, double resolution) {
        double[] inside = new double[communities];
        double[] degree = new double[communities];
        double twiceM = 0;
        for (int v = 0; v < csr.n; v++) {
            int c = membership[v];
            for (int e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) {
                double w = csr.weights[e];
                int u = csr.targets[e];
                if (u == v) {
                    degree[c] += 2 * w;
                    inside[c] += 2 * w;
                    twiceM += 2 * w;
                } else {
                    degree[c] += w;
                    twiceM += w;
                    if (membership[u] == c) inside[c] += w;
                }
            }
        }
        if (twiceM == 0) return 0;
        double q = 0;
        for (int c = 0; c < communities; c++) {
            double share = degree[c] / twiceM;
            q += inside[c] / twiceM - resolution * share * share;
        }
        return q;
    }

    /** eigenvector.ts eigenvectorCentrality: power iteration on A + I from 1 / n, L2-normalised, until the L1 change is below n · 1e-6. */
    static boolean eigenvector(Csr csr, double[] x, int[] iterations) {
        int n = csr.n;
        if (n == 0) return true;
        Arrays.fill(x, 1.0 / n);
        double[] next = new double[n];
        for (int iteration = 1; iteration <= EIGEN_MAX_ITERATIONS; iteration++) {
            double squares = 0;
            for (int v = 0; v < n; v++) {
                double sum = x[v];
                for (int e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) sum += x[csr.targets[e]] * csr.weights[e];
                next[v] = sum;
                squares += sum * sum;
            }
            double norm = Math.sqrt(squares);
            if (norm == 0) norm = 1;
            double change = 0;
            for (int v = 0; v < n; v++) {
                next[v] /= norm;
                change += Math.abs(next[v] - x[v]);
            }
            System.arraycopy(next, 0, x, 0, n);
            iterations[0] = iteration;
            if (change < n * EIGEN_TOLERANCE) return true;
        }
        return false;
    }

    /** participation.ts: P_i = 1 − Σ_c (s_ic / s_i)², self-loops left out; and the other communities among the neighbours. */
    static void participation(Csr csr, int[] community, int communities, double[] out, int[] bridged) {
        double[] strengthIn = new double[communities];
        int[] touched = new int[communities];
        for (int v = 0; v < csr.n; v++) {
            int touchedCount = 0;
            double total = 0;
            for (int e = csr.offsets[v]; e < csr.offsets[v + 1]; e++) {
                int w = csr.targets[e];
                if (w == v) continue;
                int c = community[w];
                if (strengthIn[c] == 0) touched[touchedCount++] = c;
                strengthIn[c] += csr.weights[e];
                total += csr.weights[e];
            }
            double squares = 0;
            int others = 0;
            for (int i = 0; i < touchedCount; i++) {
                int c = touched[i];
                double share = strengthIn[c] / total;
                squares += share * share;
                if (c != community[v]) others++;
                strengthIn[c] = 0;
            }
            out[v] = total > 0 ? 1 - squares : 0;
            bridged[v] = others;
        }
    }

    /** articulation-points.ts over cut-pieces.ts: one depth-first search with its own stack. */
    static void articulationPoints(Csr csr, boolean[] isArticulation, int[] separated) {
        int n = csr.n;
        int[] disc = new int[n];
        Arrays.fill(disc, -1);
        int[] low = new int[n];
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        int[] size = new int[n];
        int[] nextEdge = new int[n];
        int[] stack = new int[n];
        int[] visitOrder = new int[n];
        int[] cutChildren = new int[n];
        long[] cutSize = new long[n];
        int[] largestCut = new int[n];
        long[] componentSize = new long[n];
        boolean[] isRoot = new boolean[n];
        int time = 0;
        int top = 0;
        for (int root = 0; root < n; root++) {
            if (disc[root] != -1) continue;
            int first = time;
            isRoot[root] = true;
            disc[root] = low[root] = time;
            visitOrder[time++] = root;
            size[root] = 1;
            nextEdge[root] = csr.offsets[root];
            stack[top++] = root;
            while (top > 0) {
                int v = stack[top - 1];
                if (nextEdge[v] < csr.offsets[v + 1]) {
                    int w = csr.targets[nextEdge[v]++];
                    if (w == parent[v]) continue;
                    if (disc[w] == -1) {
                        parent[w] = v;
                        disc[w] = low[w] = time;
                        visitOrder[time++] = w;
                        size[w] = 1;
                        nextEdge[w] = csr.offsets[w];
                        stack[top++] = w;
                    } else if (disc[w] < low[v]) {
                        low[v] = disc[w];
                    }
                    continue;
                }
                top--;
                int p = parent[v];
                if (p == -1) continue;
                if (low[v] < low[p]) low[p] = low[v];
                size[p] += size[v];
                if (low[v] >= disc[p]) {
                    cutChildren[p]++;
                    cutSize[p] += size[v];
                    if (size[v] > largestCut[p]) largestCut[p] = size[v];
                }
            }
            for (int i = first; i < time; i++) componentSize[visitOrder[i]] = size[root];
        }
        for (int v = 0; v < n; v++) {
            if (cutChildren[v] < (isRoot[v] ? 2 : 1)) continue;
            isArticulation[v] = true;
            long others = componentSize[v] - 1;
            separated[v] = (int) (others - Math.max(largestCut[v], others - cutSize[v]));
        }
    }
}
