package smuggling.analytics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.neo4j.gds.api.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * What a stored run keeps of its ties, made from a graph in GDS's catalogue so that a run on the
 * GDS engine brings no tie into the service: the ties packed as the service packs them
 * (src/runs/result-rows.ts packTies: per part, the ends as little-endian int32, strength, money
 * and the relations of each kind as little-endian float64, ties in the canonical order, source ≤
 * target, by source then target, a self-loop once), and each community's strongest internal ties
 * (store-task.ts strongestInternalTies: by strength, then tie order). The graph was projected with
 * relationship properties `strength`, `money` and `kind0` … `kind{K−1}` (how many relations of the
 * run's K tie kinds are behind the tie); nodes are numbered 0 … n − 1 (original ids). Parts are
 * made one at a time as they are read: Neo4j holds one part, never the whole list.
 */
public class StoredTies {
    @Context
    public GraphDatabaseService db;

    public static class Part {
        public long part;
        public long ties;
        public byte[] source;
        public byte[] target;
        public byte[] strength;
        public byte[] money;
        public byte[] kindCount;
    }

    public static class Strongest {
        public long community;
        /** Internal ties of the community in all (the same on each of its rows). */
        public long total;
        public long source;
        public long target;
        public double strength;
        public double money;
        public List<Double> kindCount;
    }

    @Procedure(name = "sna.ties.parts", mode = Mode.READ)
    @Description("The graph's ties packed as a stored run keeps them (ends int32, strength, money and per-kind relation counts float64, little-endian), perPart ties a row, in the canonical order")
    public Stream<Part> parts(@Name("graphName") String graphName, @Name("kinds") long kinds, @Name("perPart") long perPart) {
        if (perPart < 1) throw new IllegalArgumentException("sna.ties: perPart must be at least 1");
        Ties ties = new Ties(Catalog.graphStore(db, graphName, "sna.ties"), Math.toIntExact(kinds));
        Iterator<Part> iterator = new Iterator<>() {
            int next = 0;
            long part = 0;
            boolean emitted = false;

            @Override
            public boolean hasNext() {
                // Past the nodes with no tie left (no empty last part); an empty graph still has
                // its one empty part, as packTies gives.
                while (next < ties.n && ties.from(next).length == ties.skip) {
                    ties.skip = 0;
                    next++;
                }
                return next < ties.n || !emitted;
            }

            @Override
            public Part next() {
                if (!hasNext()) throw new NoSuchElementException();
                int size = 0;
                int k = ties.kinds;
                ByteBuffer source = buffer(perPart * 4);
                ByteBuffer target = buffer(perPart * 4);
                ByteBuffer strength = buffer(perPart * 8);
                ByteBuffer money = buffer(perPart * 8);
                ByteBuffer kindCount = buffer(perPart * 8 * k);
                // Exactly perPart ties a part (a node's ties may run on into the next), the last one fewer.
                while (next < ties.n && size < perPart) {
                    Ties.Row[] rows = ties.from(next);
                    int take = (int) Math.min(rows.length - ties.skip, perPart - size);
                    for (int i = ties.skip; i < ties.skip + take; i++) {
                        Ties.Row row = rows[i];
                        source.putInt(next);
                        target.putInt(row.target);
                        strength.putDouble(row.values[0]);
                        money.putDouble(row.values[1]);
                        for (int c = 0; c < k; c++) kindCount.putDouble(row.values[2 + c]);
                    }
                    size += take;
                    if (ties.skip + take < rows.length) {
                        ties.skip += take;
                    } else {
                        ties.skip = 0;
                        next++;
                    }
                }
                Part out = new Part();
                out.part = part++;
                out.ties = size;
                out.source = bytes(source);
                out.target = bytes(target);
                out.strength = bytes(strength);
                out.money = bytes(money);
                out.kindCount = bytes(kindCount);
                emitted = true;
                return out;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    @Procedure(name = "sna.ties.strongest", mode = Mode.READ)
    @Description("Each community's strongest internal ties (by strength, then the canonical tie order), at most `limit`, with how many it has in all; communities by node as little-endian int32")
    public Stream<Strongest> strongest(
            @Name("graphName") String graphName, @Name("membership") byte[] membership, @Name("kinds") long kinds, @Name("limit") long limit) {
        Ties ties = new Ties(Catalog.graphStore(db, graphName, "sna.ties"), Math.toIntExact(kinds));
        int n = ties.n;
        int[] community = Catalog.perNode(membership, n, "sna.ties", "communities");
        int communities = 0;
        for (int v = 0; v < n; v++) communities = Math.max(communities, community[v] + 1);
        long[] total = new long[communities];
        // Per community, the weakest kept first, so that a stronger tie replaces it; a tie later in
        // the order is weaker at equal strength. Only ends and strength are kept while looking: the
        // rest is read again for the ties kept.
        List<PriorityQueue<Kept>> kept = new ArrayList<>(communities);
        for (int c = 0; c < communities; c++) kept.add(null);
        Comparator<Kept> weakestFirst = (a, b) -> a.strength != b.strength
                ? Double.compare(a.strength, b.strength)
                : a.source != b.source ? Integer.compare(b.source, a.source) : Integer.compare(b.target, a.target);
        for (int v = 0; v < n; v++) {
            int c = community[v];
            for (Ties.Row row : ties.from(v)) {
                if (community[row.target] != c) continue;
                total[c]++;
                if (limit < 1) continue;
                PriorityQueue<Kept> queue = kept.get(c);
                if (queue == null) kept.set(c, queue = new PriorityQueue<>(weakestFirst));
                Kept tie = new Kept(row.values[0], v, row.target);
                if (queue.size() < limit) {
                    queue.add(tie);
                } else if (weakestFirst.compare(tie, queue.peek()) > 0) {
                    queue.poll();
                    queue.add(tie);
                }
            }
        }
        List<Strongest> out = new ArrayList<>();
        for (int c = 0; c < communities; c++) {
            PriorityQueue<Kept> queue = kept.get(c);
            if (queue == null) continue;
            List<Kept> list = new ArrayList<>(queue);
            list.sort(weakestFirst.reversed());
            for (Kept tie : list) {
                Ties.Row row = ties.row(tie.source, tie.target);
                Strongest strongest = new Strongest();
                strongest.community = c;
                strongest.total = total[c];
                strongest.source = tie.source;
                strongest.target = tie.target;
                strongest.strength = row.values[0];
                strongest.money = row.values[1];
                List<Double> counts = new ArrayList<>(ties.kinds);
                for (int k = 0; k < ties.kinds; k++) counts.add(row.values[2 + k]);
                strongest.kindCount = counts;
                out.add(strongest);
            }
        }
        return out.stream();
    }

    /** A tie kept while a community's strongest are looked for. */
    private record Kept(double strength, int source, int target) {}

    private static ByteBuffer buffer(long bytes) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** A node's ties to nodes of the same or a higher number, ascending, a self-loop once, with their properties. */
    static final class Ties {
        final int n;
        final int kinds;
        private final OriginalGraph graph;
        /** parts(): how many of the current node's ties earlier parts took. */
        int skip = 0;
        private int cachedNode = -1;
        private Row[] cached;

        static final class Row {
            final int target;
            /** strength, money, then the relations of each kind. */
            final double[] values;

            Row(int target, double[] values) {
                this.target = target;
                this.values = values;
            }
        }

        Ties(GraphStore store, int kinds) {
            this.kinds = kinds;
            List<String> properties = new ArrayList<>(List.of("strength", "money"));
            for (int k = 0; k < kinds; k++) properties.add("kind" + k);
            graph = new OriginalGraph(store, properties, "sna.ties");
            n = graph.n;
        }

        /** The tie between v and w (v ≤ w). */
        Row row(int v, int w) {
            for (Row row : from(v)) if (row.target == w) return row;
            throw new IllegalStateException("sna.ties: no tie " + v + " – " + w);
        }

        Row[] from(int v) {
            if (v == cachedNode) return cached;
            OriginalGraph.Neighbours neighbours = graph.neighbours(v);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < neighbours.size; i++) {
                if (neighbours.targets[i] < v) continue;
                double[] values = new double[2 + kinds];
                for (int p = 0; p < values.length; p++) values[p] = neighbours.values[p][i];
                rows.add(new Row(neighbours.targets[i], values));
            }
            cachedNode = v;
            cached = rows.toArray(new Row[0]);
            return cached;
        }
    }
}
