package smuggling.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.api.IdMap;

/**
 * A graph in GDS's catalogue read as the service numbers it: nodes by original id 0 … n − 1 (the
 * projection's numbering), each node's neighbours ascending, a self-loop once (GDS keeps an
 * undirected one twice), with the values of the given relationship properties. One view of the
 * graph per property; they must list a node's ties in the same order (checked).
 */
final class OriginalGraph {
    final int n;
    private final Graph[] views;
    private final int[] mapped;
    private final String procedure;

    /** A node's neighbours: targets[i], and property p of that tie at values[p][i], for i below size. */
    static final class Neighbours {
        final int size;
        final int[] targets;
        final double[][] values;

        Neighbours(int size, int[] targets, double[][] values) {
            this.size = size;
            this.targets = targets;
            this.values = values;
        }
    }

    OriginalGraph(GraphStore store, List<String> properties, String procedure) {
        this.procedure = procedure;
        views = new Graph[properties.size()];
        for (int p = 0; p < views.length; p++) views[p] = store.getGraph(store.nodeLabels(), store.relationshipTypes(), Optional.of(properties.get(p)));
        n = Math.toIntExact(views[0].nodeCount());
        mapped = new int[n];
        for (int v = 0; v < n; v++) {
            long internal = views[0].safeToMappedNodeId(v);
            if (internal == IdMap.NOT_FOUND) throw new IllegalArgumentException(procedure + ": no node " + v + " (nodes must be numbered 0 … n − 1)");
            mapped[v] = (int) internal;
        }
    }

    /** Ties as GDS lists them, a self-loop twice: at least the neighbours of all nodes together. */
    long listedTies() {
        long total = 0;
        for (int v = 0; v < n; v++) total += views[0].degree(mapped[v]);
        return total;
    }

    Neighbours neighbours(int v) {
        int degree = views[0].degree(mapped[v]);
        int[] listed = new int[degree];
        double[][] raw = new double[views.length][degree];
        for (int p = 0; p < views.length; p++) {
            Graph view = views[p];
            int column = p;
            int[] at = new int[1];
            view.forEachRelationship(mapped[v], 0.0, (s, t, value) -> {
                int target = (int) view.toOriginalNodeId(t);
                if (column == 0) listed[at[0]] = target;
                else if (listed[at[0]] != target) throw new IllegalStateException(procedure + ": the graph's property views disagree on the order of node " + v + "'s ties");
                raw[column][at[0]++] = value;
                return true;
            });
        }
        // Ascending by neighbour, by position so that every column moves with it.
        long[] order = new long[degree];
        for (int i = 0; i < degree; i++) order[i] = ((long) listed[i] << 32) | i;
        Arrays.sort(order);
        int[] targets = new int[degree];
        double[][] values = new double[views.length][degree];
        int size = 0;
        for (long key : order) {
            int from = (int) (key & 0xffffffffL);
            if (listed[from] == v && size > 0 && targets[size - 1] == v) continue;
            targets[size] = listed[from];
            for (int p = 0; p < views.length; p++) values[p][size] = raw[p][from];
            size++;
        }
        return new Neighbours(size, targets, values);
    }
}
