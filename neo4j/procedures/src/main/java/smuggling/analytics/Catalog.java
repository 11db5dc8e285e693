package smuggling.analytics;

import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.core.loading.GraphStoreCatalog;
import org.neo4j.graphdb.GraphDatabaseService;

/** A graph in GDS's catalogue by name, on the calling procedure's database. */
final class Catalog {
    private Catalog() {}

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
