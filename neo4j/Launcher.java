import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts an embedded Neo4j Community DBMS with Bolt on 127.0.0.1 for the analytics service.
 *
 * Run as a single source file:
 *   java -Xmx1g -cp 'neo4j/lib/*:neo4j/plugins/*' neo4j/Launcher.java --home .data/neo4j --port 7687
 *
 * Options: --home DIR (store, logs; default .data/neo4j), --port N (Bolt; default 7687),
 * --pagecache SIZE (e.g. 256m; default 256m), --plugins DIR (default neo4j/plugins),
 * --unrestricted LIST (procedures allowed unrestricted, comma-separated; default none),
 * --watch-stdin (shut down when standard input closes, so the database never outlives the
 * process that spawned it).
 *
 * Protocol with the caller: exactly one line on stdout, either
 *   NEO4J_READY bolt://127.0.0.1:<port>
 * or, on stderr, one line starting with NEO4J_FAILED and the reason, followed by exit code 1.
 * SIGTERM/SIGINT (and stdin EOF with --watch-stdin) shut the DBMS down cleanly, print
 * NEO4J_STOPPED and exit with code 0; a failed shutdown exits with code 1.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(opts.getOrDefault("home", ".data/neo4j")).toAbsolutePath();
        int port = Integer.parseInt(opts.getOrDefault("port", "7687"));
        long pageCache = parseBytes(opts.getOrDefault("pagecache", "256m"));
        Path plugins = Path.of(opts.getOrDefault("plugins", "neo4j/plugins")).toAbsolutePath();
        String unrestricted = opts.getOrDefault("unrestricted", "");

        Files.createDirectories(home);
        Files.createDirectories(plugins);

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // The store is checkpointed before Bolt stops; its default 5 s + 5 s of grace
                    // only delays the exit of a process whose clients have already gone.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted,
                            unrestricted.isBlank() ? List.of() : List.of(unrestricted.split(",")))
                    .setConfig(GraphDatabaseSettings.udc_enabled, false) // dbms.usage_report.enabled
                    .build();
        } catch (Throwable e) {
            fail(describe(e, port));
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                dbms.shutdown();
                System.out.println("NEO4J_STOPPED");
            } catch (Throwable e) {
                System.err.println("NEO4J_FAILED shutdown: " + e);
                status = 1;
            }
            System.out.flush();
            stopped.countDown();
            // Exit 0 after a clean shutdown (the JVM would report 143 for SIGTERM otherwise).
            Runtime.getRuntime().halt(status);
        }, "neo4j-shutdown"));

        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            db.executeTransactionally("RETURN 1");
        } catch (Throwable e) {
            fail(describe(e, port));
            return;
        }

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if (opts.containsKey("watch-stdin")) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    while (in.read() != -1) {
                        // drain: the caller never writes, EOF means it has gone
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the same as EOF
                }
                System.exit(0);
            }, "stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    private static void fail(String reason) {
        System.err.println("NEO4J_FAILED " + reason);
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }

    /** The root cause in one line, with the fix for the failures a developer can act on. */
    private static String describe(Throwable e, int port) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (root instanceof java.net.BindException || message.contains("Address already in use")) {
            return "port " + port + " is already in use: stop what holds it or set NEO4J_BOLT_PORT to a free port";
        }
        if (message.contains("lock") || root.getClass().getSimpleName().contains("Lock")) {
            return "the store is locked by another Neo4j process (" + message + "): stop it or use another NEO4J_HOME";
        }
        return root.getClass().getName() + ": " + message;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                fail("unexpected argument " + arg);
            }
            String key = arg.substring(2);
            if (key.equals("watch-stdin")) {
                opts.put(key, "true");
            } else if (i + 1 < args.length) {
                opts.put(key, args[++i]);
            } else {
                fail("missing value for " + arg);
            }
        }
        return opts;
    }

    private static long parseBytes(String size) {
        String s = size.trim().toLowerCase();
        long unit = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * unit;
    }
}
