package twisted.mail.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import org.jspecify.annotations.Nullable;
import twisted.internet.Reactor;

/**
 * A schema of its own on the PostgreSQL server that {@code .ci/start-postgres} starts (its R2DBC
 * URL in {@value #URL_VARIABLE}), migrated by {@link MailSchema}, dropped at the end; stores made
 * on it are closed with it. Tests skip themselves (JUnit assumption) when the variable is unset.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    /** The environment variable holding the server's R2DBC URL. */
    public static final String URL_VARIABLE = "TWISTED_TEST_POSTGRES_URL";

    public final String url;

    public final String schema = "mail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);

    public final MailSchema.Database database;

    private final List<io.r2dbc.pool.ConnectionPool> pools = new ArrayList<>();

    private final List<PostgresMailStore> stores = new ArrayList<>();

    private PostgresTestDatabase(String url) {
        this.url = url;
        @Nullable String[] credentials = MailSchema.credentials(url);
        this.database = new MailSchema.Database(MailSchema.jdbcUrl(url), credentials[0], credentials[1], this.schema);
        MailSchema.migrate(this.database);
    }

    /** The server's URL, or {@code null} when there is none to test on. */
    public static @Nullable String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        return (url == null || url.isBlank()) ? null : url;
    }

    /** A migrated schema of its own on the server. */
    public static PostgresTestDatabase create() {
        String url = serverUrl();
        if (url == null) {
            throw new IllegalStateException(URL_VARIABLE + " is not set");
        }
        return new PostgresTestDatabase(url);
    }

    /** A started store on this schema, through a small r2dbc-pool as Spring Boot sets one up: one "node". */
    public PostgresMailStore newStore(Reactor reactor) {
        io.r2dbc.pool.ConnectionPool pool = new io.r2dbc.pool.ConnectionPool(ConnectionPoolConfiguration
                .builder(ConnectionFactories.get(this.url)).initialSize(1).maxSize(6).build());
        this.pools.add(pool);
        PostgresMailStore store = new PostgresMailStore(pool, reactor,
                new PostgresMailStore.Options(this.schema, 1024 * 1024));
        store.start();
        this.stores.add(store);
        return store;
    }

    /** Runs SQL over JDBC with this schema first in the search path (for what a test does to the database). */
    public void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + this.schema);
            statement.execute(sql);
        }
    }

    /** A number from a query over JDBC, with this schema first in the search path. */
    public long queryLong(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + this.schema);
            try (var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(this.database.jdbcUrl(), this.database.username(), this.database.password());
    }

    @Override
    public void close() throws Exception {
        for (PostgresMailStore store : this.stores) {
            store.close();
        }
        for (io.r2dbc.pool.ConnectionPool pool : this.pools) {
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + this.schema + " CASCADE");
        }
    }
}
