package smuggling.analytics;

import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.core.loading.GraphStoreCatalog;
import org.neo4j.graphdb.GraphDatabaseService;

/** A graph in GDS's catalogue by name, on the calling procedure's database; and per-node numbers as the service sends them. */
final class Catalog {
    private Catalog() {}

    /**
     * A little-endian int32 per node (the service's Int32Array as bytes: a list of 2M boxed
     * numbers would cost the service and Neo4j tens of MB each), checked against the node count.
     */
    static int[] perNode(byte[] bytes, int n, String procedure, String what) {
        if (bytes.length != 4 * n) throw new IllegalArgumentException(procedure + ": " + bytes.length / 4 + " " + what + " for " + n + " nodes");
        int[] out = new int[n];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    static GraphStore graphStore(GraphDatabaseService db, String graphName, String procedure) {
        String database = db.databaseName();
        return GraphStoreCatalog.getAllGraphStores()
                .filter(e -> e.catalogEntry().config().graphName().equals(graphName)
                        && e.catalogEntry().graphStore().databaseInfo().databaseId().databaseName().equals(database))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(procedure + ": no graph named " + graphName))
                .catalogEntry()
                .graphStore();
    }
}
