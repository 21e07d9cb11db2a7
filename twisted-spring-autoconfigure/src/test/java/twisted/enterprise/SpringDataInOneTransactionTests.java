package twisted.enterprise;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.sql.SqlIdentifier;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * docs/adbapi.md's recipe on H2: an {@link R2dbcEntityTemplate} on the pool's
 * {@code ConnectionFactory} joins a {@code runInteraction} transaction through
 * {@link Transaction#reactorContext()}, and commits or rolls back with the pool's own statements.
 */
class SpringDataInOneTransactionTests {

    /** A row of the fixture's users table, as Spring Data maps it. */
    static class User {

        @Id
        @Nullable Long id;

        String email;

        String name;

        User(String email, String name) {
            this.email = email;
            this.name = name;
        }
    }

    private DatabaseFixture db;

    private R2dbcEntityTemplate template;

    @BeforeEach
    void openDatabase() throws Exception {
        this.db = new DatabaseFixture(TestDatabase.H2, "springData");
        this.template = new R2dbcEntityTemplate(this.db.connections);
    }

    @AfterEach
    void closeDatabase() throws Exception {
        this.db.close();
    }

    private Deferred<User> insertWithTemplate(Transaction txn, String email) {
        return Deferred.fromPublisher(this.template.insert(User.class).into(SqlIdentifier.unquoted(this.db.users))
                .using(new User(email, "template")).contextWrite(txn.reactorContext()), this.db.reactor);
    }

    private List<String> emails() throws Exception {
        return this.db.result(() -> this.db.pool.runQuery("SELECT email FROM " + this.db.users + " ORDER BY email",
                row -> row.get(0, String.class)));
    }

    @Test
    void theTemplatesInsertCommitsWithThePoolsStatements() throws Exception {
        User inserted = this.db.result(() -> this.db.pool.runInteraction(txn -> txn
                .runOperation("INSERT INTO " + this.db.users + " (email, name) VALUES (?, ?)", "a@pool", "pool")
                .thenCompose(n -> insertWithTemplate(txn, "b@template"))));
        assertThat(inserted.id).isNotNull();
        assertThat(emails()).containsExactly("a@pool", "b@template");
    }

    @Test
    void theTemplatesInsertRollsBackWithThePoolsStatements() throws Exception {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.db.result(() -> this.db.pool
                .runInteraction(txn -> txn
                        .runOperation("INSERT INTO " + this.db.users + " (email, name) VALUES (?, ?)", "a@pool", "pool")
                        .thenCompose(n -> insertWithTemplate(txn, "b@template"))
                        .thenCompose(user -> Deferred.<Void>fail(new IllegalStateException("changed my mind"))))))
                .withMessage("changed my mind");
        assertThat(emails()).isEmpty();
    }
}
