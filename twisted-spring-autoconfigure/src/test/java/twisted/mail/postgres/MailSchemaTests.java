package twisted.mail.postgres;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MailSchemaTests {

    @Test
    void theJdbcUrlIsDerivedFromTheR2dbcOneWithoutItsCredentialsOrOptions() {
        assertThat(MailSchema.jdbcUrl("r2dbc:postgresql://u:p@db.example:5433/mail?sslMode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5433/mail");
        assertThat(MailSchema.jdbcUrl("r2dbc:pool:postgresql://db/mail")).isEqualTo("jdbc:postgresql://db/mail");
        assertThat(MailSchema.jdbcUrl("r2dbcs:postgresql://[::1]:5432/mail")).isEqualTo("jdbc:postgresql://[::1]:5432/mail");
        assertThat(MailSchema.credentials("r2dbc:postgresql://twisted:p%40ss%3Aword@127.0.0.1/db"))
                .containsExactly("twisted", "p@ss:word");
        assertThat(MailSchema.credentials("r2dbc:postgresql://127.0.0.1/db")).containsExactly(null, null);
    }

    @Test
    void otherUrlsAreRefusedWithoutShowingThePassword() {
        assertThatIllegalArgumentException().isThrownBy(() -> MailSchema.jdbcUrl("r2dbc:h2:mem://u:secret@x/db"))
                .withMessageNotContaining("secret").withMessageContaining("r2dbc:postgresql://host:port/database");
        assertThatIllegalArgumentException().isThrownBy(() -> MailSchema.jdbcUrl("r2dbc:postgresql:///db"))
                .withMessageContaining("no host");
    }

    @Test
    void theDatabaseNeverShowsItsPassword() {
        assertThat(new MailSchema.Database("jdbc:postgresql://db/mail", "u", "secret", null).toString())
                .doesNotContain("secret");
    }

    @Test
    void theStoresMigrationsLiveBesideTheApplicationsOwnFlywayInOneSchema() throws Exception {
        assumeTrue(PostgresTestDatabase.serverUrl() != null, "no PostgreSQL server to test on");
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            MailSchema.Database db = database.database;
            // the application's own Flyway, default history table, in the same schema
            database.execute("CREATE TABLE orders (id int PRIMARY KEY)");
            Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas(database.schema)
                    .baselineOnMigrate(true).load().migrate();
            assertThat(database.queryLong("SELECT count(*) FROM flyway_schema_history")).isPositive();
            assertThat(MailSchema.migrate(db)).as("already at the latest version").isZero();
            assertThat(database.queryLong("SELECT count(*) FROM " + MailSchema.HISTORY_TABLE + " WHERE version = '1'"))
                    .isEqualTo(1);
            assertThat(MailSchema.createMailboxes(db, java.util.List.of("Postmaster", "alice", "alice")))
                    .containsExactly("alice", "postmaster");
            assertThat(database.queryLong("SELECT count(*) FROM twisted_mail_folders")).isEqualTo(2);
        }
    }
}
