package twisted.mail.postgres;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;
import twisted.defer.DeferredList;
import twisted.mail.FlagChange;
import twisted.mail.FolderListener;
import twisted.mail.FolderSession;
import twisted.mail.MailAccount;
import twisted.mail.MailStore.OpenMailbox;
import twisted.mail.MailboxLockedException;
import twisted.mail.MessageInfo;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What only the PostgreSQL store promises, on the real server ({@code TWISTED_TEST_POSTGRES_URL};
 * skipped without it), with two stores on one schema as two nodes, each on a reactor of its own:
 * changes cross through {@code LISTEN}/{@code NOTIFY} (the store never polls), UIDs stay distinct
 * under concurrent deliveries, POP3's lock holds across nodes and dies with a node's connection,
 * and a delivery whose commit fails is never acknowledged.
 */
class PostgresMailStoreTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Ends the server sessions holding POP3 locks (the advisory locks of the store's lock space). */
    private static final String TERMINATE_LOCK_HOLDERS = "SELECT pg_terminate_backend(pid) FROM pg_locks"
            + " WHERE locktype = 'advisory' AND classid = " + ControlConnection.LOCK_SPACE + " AND granted";

    private PostgresTestDatabase database;

    private RunningReactor nodeA;

    private RunningReactor nodeB;

    private PostgresMailStore storeA;

    private PostgresMailStore storeB;

    @BeforeEach
    void twoNodes() {
        assumeTrue(PostgresTestDatabase.serverUrl() != null, "no PostgreSQL server to test on");
        this.database = PostgresTestDatabase.create();
        this.nodeA = RunningReactor.start("node-a", WAIT);
        this.nodeB = RunningReactor.start("node-b", WAIT);
        this.storeA = this.database.newStore(this.nodeA.reactor());
        this.storeB = this.database.newStore(this.nodeB.reactor());
        await().atMost(WAIT).until(() -> this.storeA.isListening() && this.storeB.isListening());
    }

    @AfterEach
    void close() throws Exception {
        try {
            if (this.database != null) {
                this.database.close();
            }
        }
        finally {
            if (this.nodeA != null) {
                this.nodeA.close();
                this.nodeB.close();
            }
        }
    }

    private static <T> T on(RunningReactor node, Callable<Deferred<T>> action) throws Exception {
        return node.call(action);
    }

    private static Deferred<MessageReceipt> deliver(PostgresMailStore store, String mailbox, String subject) {
        MessageWriter writer = store.newMessage(mailbox);
        writer.lineReceived(("Subject: " + subject).getBytes(StandardCharsets.UTF_8));
        writer.lineReceived(new byte[0]);
        writer.lineReceived(("About " + subject).getBytes(StandardCharsets.UTF_8));
        return writer.eomReceived();
    }

    /** Selects alice's INBOX on node B, her mailbox made on node A first; the listener hears the changes. */
    private FolderSession selectInboxOnB(boolean readOnly, Recorder listener) throws Exception {
        on(this.nodeA, () -> this.storeA.createMailbox("alice"));
        MailAccount account = on(this.nodeB, () -> this.storeB.openAccount("alice"));
        return on(this.nodeB, () -> account.select("INBOX", readOnly, listener));
    }

    @Test
    void aDeliveryThroughNodeAReachesASessionOnNodeBThroughNotify() throws Exception {
        Recorder listener = new Recorder(this.nodeB);
        FolderSession session = selectInboxOnB(false, listener);
        long heardBefore = this.storeB.notificationsReceived();

        MessageReceipt receipt = on(this.nodeA, () -> deliver(this.storeA, "alice", "across nodes"));

        await().atMost(WAIT).until(() -> !listener.added.isEmpty());
        assertThat(listener.added).singleElement().satisfies(m -> {
            assertThat(m.uid()).isEqualTo(session.uidNext());
            assertThat(m.flags()).as("B's read-write session claims \\Recent").contains(MessageInfo.RECENT);
            assertThat(m.size()).isEqualTo(receipt.size());
        });
        assertThat(this.storeB.notificationsReceived()).as("woken by a notification").isGreaterThan(heardBefore);
        assertThat(listener.offTheReactorThread).isEmpty();

        // flags changed and expunges made on B reach a session on A the same way
        Recorder onA = new Recorder(this.nodeA);
        MailAccount accountA = on(this.nodeA, () -> this.storeA.openAccount("alice"));
        FolderSession sessionA = on(this.nodeA, () -> accountA.select("INBOX", false, onA));
        assertThat(sessionA.messages()).singleElement().satisfies(m -> assertThat(m.flags())
                .as("\\Recent went to one session only").doesNotContain(MessageInfo.RECENT));
        long uid = sessionA.messages().get(0).uid();
        on(this.nodeB, () -> session.store(List.of(uid), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.DELETED))));
        await().atMost(WAIT).until(() -> !onA.changed.isEmpty());
        assertThat(onA.changed.get(0).flags()).contains(MessageInfo.DELETED);
        on(this.nodeB, () -> session.expunge(null));
        await().atMost(WAIT).until(() -> onA.expunged.contains(uid));
        assertThat(onA.offTheReactorThread).isEmpty();
    }

    @Test
    void concurrentDeliveriesFromTwoNodesGetDistinctIncreasingUids() throws Exception {
        Recorder listener = new Recorder(this.nodeB);
        selectInboxOnB(true, listener);
        int each = 25;
        Thread onB = new Thread(() -> {
            try {
                on(this.nodeB, () -> all(this.storeB, "b", each));
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        onB.start();
        List<MessageReceipt> fromA = on(this.nodeA, () -> all(this.storeA, "a", each));
        onB.join(WAIT.toMillis());
        assertThat(fromA).hasSize(each);

        await().atMost(WAIT).until(() -> listener.added.size() == 2 * each);
        List<Long> uids = listener.added.stream().map(MessageInfo::uid).toList();
        assertThat(uids).as("distinct, increasing, in the order B heard them").doesNotHaveDuplicates().isSorted();
        assertThat(this.database.queryLong("SELECT count(DISTINCT uid) FROM twisted_mail_messages")).isEqualTo(2 * each);
        assertThat(this.database.queryLong("SELECT max(uid) FROM twisted_mail_messages")).isEqualTo(2 * each);
    }

    private static Deferred<List<MessageReceipt>> all(PostgresMailStore store, String node, int count) {
        List<Deferred<MessageReceipt>> deliveries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            deliveries.add(deliver(store, "alice", node + i));
        }
        return DeferredList.gatherResults(deliveries);
    }

    @Test
    void thePop3LockHeldOnNodeARefusesNodeBUntilReleasedOrNodeAsConnectionDies() throws Exception {
        on(this.nodeA, () -> deliver(this.storeA, "alice", "one"));
        OpenMailbox onA = on(this.nodeA, () -> this.storeA.openMailbox("alice"));
        assertThatExceptionOfType(MailboxLockedException.class)
                .isThrownBy(() -> on(this.nodeB, () -> this.storeB.openMailbox("alice")));
        this.nodeA.run(onA.release());
        OpenMailbox onB = await().atMost(WAIT).ignoreExceptions()
                .until(() -> on(this.nodeB, () -> this.storeB.openMailbox("alice")), open -> true);
        assertThat(onB.mailbox().listMessages()).hasSize(1);

        // node B "crashes": its connection ends, PostgreSQL drops the lock, node A may open
        this.database.execute(TERMINATE_LOCK_HOLDERS);
        OpenMailbox again = await().atMost(WAIT).ignoreExceptions()
                .until(() -> on(this.nodeA, () -> this.storeA.openMailbox("alice")), open -> true);
        assertThat(again.mailbox().listMessages()).hasSize(1);
    }

    @Test
    void aDeliveryWhoseCommitFailsIsNotAcknowledgedAndLosesNothingAcknowledged() throws Exception {
        MessageReceipt kept = on(this.nodeA, () -> deliver(this.storeA, "alice", "kept"));
        // refused at COMMIT, not before: a deferred constraint trigger
        this.database.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$");
        this.database.execute("CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON twisted_mail_messages"
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse()");

        assertThatExceptionOfType(Exception.class)
                .isThrownBy(() -> on(this.nodeA, () -> deliver(this.storeA, "alice", "lost")))
                .satisfies(ex -> assertThat(ex.toString() + ex.getCause()).contains("disk full"));
        assertThat(this.database.queryLong("SELECT count(*) FROM twisted_mail_messages")).isEqualTo(1);

        this.database.execute("DROP TRIGGER refuse_at_commit ON twisted_mail_messages");
        MessageReceipt next = on(this.nodeA, () -> deliver(this.storeA, "alice", "after"));
        assertThat(this.database.queryLong("SELECT count(*) FROM twisted_mail_messages")).isEqualTo(2);
        assertThat(next.id()).isNotEqualTo(kept.id());
    }

    @Test
    void aLostListeningConnectionIsOpenedAgainAndWhatWasMissedIsRead() throws Exception {
        Recorder listener = new Recorder(this.nodeB);
        selectInboxOnB(false, listener);
        // B's listening connection (found by the POP3 lock it holds) ends; A delivers while B is deaf
        on(this.nodeB, () -> this.storeB.openMailbox("bob"));
        this.database.execute(TERMINATE_LOCK_HOLDERS);
        await().atMost(WAIT).until(() -> !this.storeB.isListening());
        on(this.nodeA, () -> deliver(this.storeA, "alice", "while B was deaf"));
        assertThat(this.storeB.isListening()).as("B reconnects after a second: it missed the notification").isFalse();
        await().atMost(WAIT).until(this.storeB::isListening);
        await().atMost(WAIT).until(() -> listener.added.size() == 1);
        assertThat(listener.offTheReactorThread).isEmpty();
    }

    @Test
    void mailboxesMadeOnOneNodeAreKnownToTheOther() throws Exception {
        assertThat(this.storeB.exists("carol")).isFalse();
        on(this.nodeA, () -> this.storeA.createMailbox("Carol"));
        await().atMost(WAIT).until(() -> this.storeB.exists("carol"));
    }

    /** Records what a listener hears, and any call made off its node's reactor thread. */
    static final class Recorder implements FolderListener {

        final List<MessageInfo> added = new CopyOnWriteArrayList<>();

        final List<MessageInfo> changed = new CopyOnWriteArrayList<>();

        final List<Long> expunged = new CopyOnWriteArrayList<>();

        final List<String> offTheReactorThread = Collections.synchronizedList(new ArrayList<>());

        private final RunningReactor node;

        Recorder(RunningReactor node) {
            this.node = node;
        }

        @Override
        public void newMessages(List<MessageInfo> messages) {
            check();
            this.added.addAll(messages);
        }

        @Override
        public void expunged(List<Long> uids) {
            check();
            this.expunged.addAll(uids);
        }

        @Override
        public void flagsChanged(List<MessageInfo> messages) {
            check();
            this.changed.addAll(messages);
        }

        private void check() {
            if (!this.node.reactor().isReactorThread()) {
                this.offTheReactorThread.add(Thread.currentThread().getName());
            }
        }
    }
}
