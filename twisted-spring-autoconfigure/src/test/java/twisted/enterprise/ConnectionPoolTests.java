package twisted.enterprise;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.BadSqlGrammarException;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pool against real databases: embedded H2, and the PostgreSQL server named by
 * {@code TWISTED_TEST_POSTGRES_URL} (skipped without it; {@code .ci/run} always sets it). Every
 * result goes through {@link DatabaseFixture#result}, and each test ends by checking that every
 * Deferred fired on the reactor thread and that no Deferred was left holding an unhandled failure.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@ExtendWith(TwistedExtension.class)
class ConnectionPoolTests {

    @Parameter
    TestDatabase database;

    private DatabaseFixture db;

    private ConnectionPool pool;

    private String users;

    @BeforeEach
    void openDatabase(TestInfo test) throws Exception {
        assumeTrue(this.database.url() != null, TestDatabase.POSTGRES_URL + " is not set: no PostgreSQL server to test on");
        this.db = new DatabaseFixture(this.database, test.getTestMethod().orElseThrow().getName());
        this.pool = this.db.pool;
        this.users = this.db.users;
    }

    @AfterEach
    void closeDatabase() throws Exception {
        if (this.db != null) {
            this.db.close();
            assertThat(this.db.firedOffTheReactorThread).as("Deferreds fired off the reactor thread").isEmpty();
        }
    }

    // ------------------------------------------------------------------ runQuery

    @Test
    void runQueryGivesEveryRowAsATuple() throws Exception {
        this.db.insert("joel@foo.com", "Joel");
        this.db.insert("jane@foo.com", "Jane");
        List<Row> rows = this.db.result(() -> this.pool.runQuery("SELECT email, name FROM " + this.users + " ORDER BY email"));
        assertThat(rows).extracting(Row::values).containsExactly(List.of("jane@foo.com", "Jane"), List.of("joel@foo.com", "Joel"));
        assertThat(rows.get(0).get("EMAIL")).isEqualTo("jane@foo.com");
        assertThat(rows.get(0).columnNames()).extracting(String::toLowerCase).containsExactly("email", "name");
        assertThat(rows.get(1)).hasToString("('joel@foo.com', 'Joel')");
    }

    @Test
    void runQueryBindsQuestionMarksAsInTheBook() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        this.db.insert("joel@foo.com", "Joel");
        List<Row> rows = this.db.result(() -> this.pool.runQuery(
                "SELECT name FROM " + this.users + " WHERE email = ? AND name <> 'who?'", "jane@foo.com"));
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("Jane");
    }

    @Test
    void nativeBindMarkersPassThrough() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        List<Row> rows = this.db.result(() -> this.pool.runQuery("SELECT name FROM " + this.users + " WHERE email = $1", "jane@foo.com"));
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("Jane");
    }

    @Test
    void runQueryWithAMapperUsesTheDriversConversions() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        List<User> found = this.db.result(() -> this.pool.runQuery("SELECT id, email, name FROM " + this.users,
                row -> new User(row.get("id", Long.class), row.get("email", String.class), row.get("name", String.class))));
        assertThat(found).singleElement().satisfies(user -> {
            assertThat(user.id()).isPositive();
            assertThat(user.email()).isEqualTo("jane@foo.com");
        });
    }

    @Test
    void runQueryOfNoRowsGivesAnEmptyList() throws Exception {
        assertThat(this.db.result(() -> this.pool.runQuery("SELECT * FROM " + this.users + " WHERE email = ?", "nobody"))).isEmpty();
    }

    @Test
    void nullArgumentIsASqlNull() throws Exception {
        this.db.result(() -> this.pool.runOperation("INSERT INTO " + this.users + " (email, name) VALUES (?, ?)", "anon@foo.com", null));
        List<Row> rows = this.db.result(() -> this.pool.runQuery("SELECT email, name FROM " + this.users + " WHERE name IS NULL"));
        assertThat(rows).extracting(Row::values).containsExactly(java.util.Arrays.asList("anon@foo.com", null));
    }

    @Test
    void typedNullForAPlaceWithoutAType() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        List<Row> rows = this.db.result(() -> this.pool.runQuery("SELECT email FROM " + this.users + " WHERE ? IS NULL",
                io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR)));
        assertThat(rows).extracting(row -> row.get(0)).containsExactly("jane@foo.com");
    }

    // ------------------------------------------------------------------ runOperation

    @Test
    void runOperationGivesTheNumberOfRowsChanged() throws Exception {
        assertThat(this.db.insert("jane@foo.com", "Jane")).isEqualTo(1L);
        this.db.insert("joel@foo.com", "Joel");
        assertThat(this.db.result(() -> this.pool.runOperation("UPDATE " + this.users + " SET name = upper(name)"))).isEqualTo(2L);
        assertThat(this.db.result(() -> this.pool.runOperation("DELETE FROM " + this.users + " WHERE email = ?", "nobody"))).isZero();
    }

    // ------------------------------------------------------------------ errors

    @Test
    void badSqlFailsWithBadSqlGrammarException() {
        assertThatExceptionOfType(BadSqlGrammarException.class)
                .isThrownBy(() -> this.db.result(() -> this.pool.runQuery("SELECT name FROM nowhere")))
                .withMessageContaining("SELECT name FROM nowhere")
                .withCauseInstanceOf(io.r2dbc.spi.R2dbcBadGrammarException.class);
    }

    @Test
    void duplicateKeyFailsWithDuplicateKeyException() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.db.insert("jane@foo.com", "Jane again"))
                .withCauseInstanceOf(io.r2dbc.spi.R2dbcDataIntegrityViolationException.class);
        assertThat(this.db.count()).isEqualTo(1);
    }

    @Test
    void wrongNumberOfArgumentsFailsAsAnErrback() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> this.db.result(() -> this.pool.runQuery("SELECT * FROM " + this.users + " WHERE email = ?")))
                .withMessageStartingWith("the statement has 1 '?' placeholder but 0 arguments were given");
    }

    @Test
    void closedPoolRefusesWork() {
        this.pool.close();
        this.pool.close();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.db.result(() -> this.pool.runQuery("SELECT 1")))
                .withMessage("the ConnectionPool is closed");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> this.db.result(() -> this.pool.runInteraction(txn -> txn.runQuery("SELECT 1"))))
                .withMessage("the ConnectionPool is closed");
    }

    // ------------------------------------------------------------------ runInteraction

    @Test
    void runInteractionCommitsWhenItsDeferredSucceeds() throws Exception {
        Long inTransaction = this.db.result(() -> this.pool.runInteraction(txn -> insert(txn, "jane@foo.com", "Jane")
                .thenCompose(one -> insert(txn, "joel@foo.com", "Joel"))
                .thenCompose(two -> txn.runQuery("SELECT count(*) FROM " + this.users))
                .thenApply(rows -> rows.get(0).get(0, Long.class))));
        assertThat(inTransaction).isEqualTo(2L);
        assertThat(this.db.count()).isEqualTo(2);
    }

    @Test
    void runInteractionRollsBackWhenAStatementFails() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.db.result(() -> this.pool.runInteraction(
                txn -> insert(txn, "joel@foo.com", "Joel").thenCompose(one -> insert(txn, "jane@foo.com", "Jane again")))));
        assertThat(this.db.result(() -> this.pool.runQuery("SELECT email FROM " + this.users))).extracting(row -> row.get(0))
                .as("Joel's row was rolled back").containsExactly("jane@foo.com");
    }

    @Test
    void runInteractionRollsBackWhenItsDeferredFailsAfterItsWrites() throws Exception {
        IllegalStateException changedMyMind = new IllegalStateException("changed my mind");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.db.result(() -> this.pool.runInteraction(
                txn -> insert(txn, "joel@foo.com", "Joel").thenCompose(one -> Deferred.<Long>fail(changedMyMind)))))
                .isSameAs(changedMyMind);
        assertThat(this.db.count()).isZero();
        assertThat(this.db.connectionsInUse()).isZero();
    }

    @Test
    void runInteractionRollsBackWhenItThrows() throws Exception {
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.db.result(() -> this.pool.runInteraction(txn -> {
            throw new UnsupportedOperationException("not today");
        }))).withMessage("not today");
        assertThat(this.db.count()).isZero();
        assertThat(this.db.connectionsInUse()).isZero();
    }

    @Test
    void interactionSeesItsOwnWritesAndOthersSeeThemOnlyAfterTheCommit() throws Exception {
        List<Long> seen = this.db.result(() -> this.pool.runInteraction(txn -> insert(txn, "jane@foo.com", "Jane")
                .thenCompose(one -> txn.runQuery("SELECT count(*) FROM " + this.users))
                .thenCompose(inside -> this.pool.runQuery("SELECT count(*) FROM " + this.users)
                        .thenApply(outside -> List.of(inside.get(0).get(0, Long.class), outside.get(0).get(0, Long.class))))));
        assertThat(seen).as("inside the transaction, then outside it before the commit").containsExactly(1L, 0L);
        assertThat(this.db.count()).isEqualTo(1);
    }

    @Test
    void interactionWithoutAResultCommitsAndGivesNull() throws Exception {
        Object result = this.db.result(() -> this.pool.runInteraction(txn -> insert(txn, "jane@foo.com", "Jane").thenApply(one -> null)));
        assertThat(result).isNull();
        assertThat(this.db.count()).isEqualTo(1);
    }

    @Test
    void cancellingAnInteractionRollsItBack() throws Exception {
        CompletableFuture<Void> inserted = new CompletableFuture<>();
        AtomicReference<Deferred<Object>> running = new AtomicReference<>();
        this.db.result(() -> {
            running.set(this.pool.runInteraction(txn -> insert(txn, "jane@foo.com", "Jane").thenCompose(one -> {
                inserted.complete(null);
                return new Deferred<>();
            })));
            return Deferred.succeed(null);
        });
        inserted.get(DatabaseFixture.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThatExceptionOfType(CancelledException.class).isThrownBy(() -> this.db.result(() -> {
            running.get().cancel();
            return running.get();
        }));
        await().atMost(DatabaseFixture.TIMEOUT).until(() -> this.db.connectionsInUse() == 0);
        assertThat(this.db.count()).as("the cancelled transaction's row").isZero();
    }

    @Test
    void transactionRefusesStatementsOnceTheInteractionIsOver() throws Exception {
        AtomicReference<Transaction> kept = new AtomicReference<>();
        this.db.result(() -> this.pool.runInteraction(txn -> {
            kept.set(txn);
            return Deferred.succeed(null);
        }));
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> this.db.result(() -> kept.get().runOperation("DELETE FROM " + this.users)))
                .withMessageStartingWith("the interaction is over and its transaction has ended");
    }

    // ------------------------------------------------------------------ threads

    @Test
    void interactionAndEveryDeferredRunOnTheReactorThread() throws Exception {
        List<Boolean> onReactor = new CopyOnWriteArrayList<>();
        this.db.result(() -> this.pool.runInteraction(txn -> {
            onReactor.add(this.db.reactor.isReactorThread());
            return insert(txn, "jane@foo.com", "Jane").thenApply(one -> onReactor.add(this.db.reactor.isReactorThread()));
        }));
        this.db.result(() -> this.pool.runQuery("SELECT * FROM " + this.users)
                .thenApply(rows -> onReactor.add(this.db.reactor.isReactorThread())));
        this.db.result(() -> this.pool.runOperation("DELETE FROM " + this.users)
                .thenApply(count -> onReactor.add(this.db.reactor.isReactorThread())));
        this.db.result(() -> this.pool.runQuery("SELECT nothing FROM nowhere")
                .addErrback(failure -> onReactor.add(this.db.reactor.isReactorThread())));
        assertThat(onReactor).containsExactly(true, true, true, true, true);
    }

    @Test
    void driverWorkNeverRunsOnTheReactorThread() throws Exception {
        this.db.insert("jane@foo.com", "Jane");
        List<Boolean> mappedOnReactor = new CopyOnWriteArrayList<>();
        this.db.result(() -> this.pool.runQuery("SELECT email FROM " + this.users,
                row -> mappedOnReactor.add(this.db.reactor.isReactorThread())));
        this.db.result(() -> this.pool.runInteraction(txn -> txn.runQuery("SELECT email FROM " + this.users,
                row -> mappedOnReactor.add(this.db.reactor.isReactorThread()))));
        assertThat(mappedOnReactor).as("H2 reads rows on the subscribing thread: it must not be the reactor's")
                .containsExactly(false, false);
    }

    private Deferred<Long> insert(Transaction txn, String email, String name) {
        return txn.runOperation("INSERT INTO " + this.users + " (email, name) VALUES (?, ?)", email, name);
    }

    record User(Long id, String email, String name) {
    }
}
