package twisted.mail.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import twisted.cred.Redaction;

/**
 * The store's tables, kept by Flyway over JDBC (Flyway does not speak R2DBC): its own migrations
 * ({@value #LOCATION}) and its own history table ({@value #HISTORY_TABLE}), so it never meets an
 * application's Flyway, whose history table and locations differ, even in the same schema. Both
 * methods block: call them at start-up, never on the reactor thread.
 *
 * <pre>{@code
 * MailSchema.Database db = new MailSchema.Database(MailSchema.jdbcUrl("r2dbc:postgresql://db:5432/mail"), "mail", password, null);
 * MailSchema.migrate(db);
 * store.rememberMailboxes(MailSchema.createMailboxes(db, List.of("postmaster", "alice")));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MailSchema {

    /** Where the migrations are. */
    public static final String LOCATION = "classpath:twisted/mail/postgres/migration";

    /** The store's own Flyway history table. */
    public static final String HISTORY_TABLE = "twisted_mail_schema_history";

    private MailSchema() {
    }

    /**
     * Where the tables are, for JDBC.
     *
     * @param jdbcUrl the JDBC URL ({@code jdbc:postgresql://host:port/database})
     * @param username the user, or {@code null} to use the URL's
     * @param password the password, or {@code null}; never logged
     * @param schema the schema, created if missing, or {@code null} for the user's default one
     */
    public record Database(String jdbcUrl, @Nullable String username, @Nullable String password,
            @Nullable String schema) {

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Database[jdbcUrl=" + this.jdbcUrl + ", username=" + this.username + ", schema=" + this.schema + "]";
        }
    }

    /**
     * Brings the tables to the latest version. A schema that holds other tables but not this
     * store's history is taken as empty of it (baseline 0), so the migrations run beside an
     * application's tables.
     *
     * @param database where
     * @return how many migrations ran
     */
    public static int migrate(Database database) {
        var configuration = Flyway.configure(MailSchema.class.getClassLoader())
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0");
        if (database.schema() != null) {
            configuration = configuration.schemas(database.schema()).createSchemas(true);
        }
        MigrateResult result = configuration.load().migrate();
        return result.migrationsExecuted;
    }

    /**
     * Creates mailboxes (and their INBOX) that are missing, in one transaction.
     *
     * @param database where
     * @param mailboxes the names; refused names fail the call
     * @return every mailbox name in the store afterwards, for {@link PostgresMailStore#rememberMailboxes}
     * @throws SQLException if the database refuses
     */
    public static Set<String> createMailboxes(Database database, Collection<String> mailboxes) throws SQLException {
        Tables tables = new Tables(database.schema());
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(),
                database.username() != null ? database.username() : "",
                database.password() != null ? database.password() : "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement mailbox = connection.prepareStatement("INSERT INTO " + tables.mailboxes
                    + " (name) VALUES (?) ON CONFLICT (name) DO NOTHING");
                    PreparedStatement inbox = connection.prepareStatement("INSERT INTO " + tables.folders
                            + " (mailbox_id, name, uidvalidity) SELECT id, 'INBOX', nextval("
                            + tables.uidValiditySequence + ") FROM " + tables.mailboxes
                            + " WHERE name = ? ON CONFLICT (mailbox_id, name) DO NOTHING")) {
                for (String name : mailboxes) {
                    String folded = Names.requireMailbox(name);
                    mailbox.setString(1, folded);
                    mailbox.executeUpdate();
                    inbox.setString(1, folded);
                    inbox.executeUpdate();
                }
            }
            Set<String> names = new TreeSet<>();
            try (PreparedStatement all = connection.prepareStatement("SELECT name FROM " + tables.mailboxes);
                    ResultSet rows = all.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            connection.commit();
            return names;
        }
    }

    /**
     * The JDBC URL of an R2DBC one: {@code r2dbc:postgresql://host:port/db?...} (also
     * {@code r2dbc:pool:postgresql:}) becomes {@code jdbc:postgresql://host:port/db}. Credentials
     * in the URL and its options are left out: pass them as the {@link Database}'s user and
     * password ({@link #credentials} reads them from the URL).
     *
     * @param r2dbcUrl the R2DBC URL
     * @return the JDBC URL
     * @throws IllegalArgumentException for a URL that is not PostgreSQL's
     */
    public static String jdbcUrl(String r2dbcUrl) {
        URI uri = parse(r2dbcUrl);
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in the R2DBC URL (" + Redaction.withoutUserInfo(r2dbcUrl) + ")");
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() != null ? uri.getRawPath() : "/");
    }

    /**
     * The user and password written in an R2DBC URL's user-info part, decoded.
     *
     * @param r2dbcUrl the R2DBC URL
     * @return {user, password}, either {@code null} when absent
     */
    public static @Nullable String[] credentials(String r2dbcUrl) {
        String info = parse(r2dbcUrl).getRawUserInfo();
        if (info == null || info.isEmpty()) {
            return new String[] { null, null };
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? info : info.substring(0, colon);
        String password = colon < 0 ? null : info.substring(colon + 1);
        return new String[] { decode(user), password == null ? null : decode(password) };
    }

    private static URI parse(String r2dbcUrl) {
        String rest;
        if (r2dbcUrl.startsWith("r2dbc:pool:postgresql://")) {
            rest = r2dbcUrl.substring("r2dbc:pool:".length());
        }
        else if (r2dbcUrl.startsWith("r2dbc:postgresql://") || r2dbcUrl.startsWith("r2dbcs:postgresql://")) {
            rest = r2dbcUrl.substring(r2dbcUrl.indexOf(':') + 1);
        }
        else {
            throw new IllegalArgumentException("not a PostgreSQL R2DBC URL (" + Redaction.withoutUserInfo(r2dbcUrl)
                    + "): expected r2dbc:postgresql://host:port/database");
        }
        try {
            return new URI(rest);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("malformed R2DBC URL (" + Redaction.withoutUserInfo(r2dbcUrl) + ")");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
