package twisted.mail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import twisted.defer.Deferred;
import twisted.mail.FolderException.Reason;
import twisted.mail.MailStore.OpenMailbox;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The storage contract ({@link MailStore}, {@link FolderStore}) as every store must keep it, run
 * once per {@link StoreKind}: Maildir, and PostgreSQL when {@code TWISTED_TEST_POSTGRES_URL} is
 * set (skipped otherwise: {@code .ci/check-postgres-tests} fails CI then). On a real reactor: every
 * call is made on the reactor thread and waited for, and listeners are waited for with a bound.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class MailStoreContractTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    StoreKind kind;

    @TempDir
    Path directory;

    private RunningReactor running;

    private StoreKind.Stores stores;

    private MailStore store;

    private FolderStore folders;

    @BeforeEach
    void openStore() {
        this.running = RunningReactor.start(this.kind.name(), WAIT);
        StoreKind.Stores opened = this.kind.open(this.directory);
        assumeTrue(opened != null, "no PostgreSQL server to test on");
        this.stores = opened;
        this.store = this.stores.newStore(this.running.reactor());
        this.folders = (FolderStore) this.store;
    }

    @AfterEach
    void closeStore() throws Exception {
        try {
            if (this.stores != null) {
                this.stores.close();
            }
        }
        finally {
            this.running.close();
        }
    }

    private <T> T call(Callable<Deferred<T>> action) throws Exception {
        return this.running.call(action);
    }

    private MessageReceipt deliver(String mailbox, String... lines) throws Exception {
        return call(() -> {
            MessageWriter writer = this.store.newMessage(mailbox);
            for (String line : lines) {
                writer.lineReceived(line.getBytes(StandardCharsets.UTF_8));
            }
            return writer.eomReceived();
        });
    }

    /** Delivers one short message per text, in order: {@code Subject: <text>}, an empty line, the text. */
    private void deliverEach(String mailbox, String... texts) throws Exception {
        for (String text : texts) {
            deliver(mailbox, "Subject: " + text, "", text);
        }
    }

    private static String read(InputStream in) throws Exception {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String content(FolderSession session, long uid) throws Exception {
        MessageContent content = call(() -> session.content(uid));
        return read(content.open());
    }

    private MailAccount account(String user) throws Exception {
        return call(() -> this.folders.openAccount(user));
    }

    private FolderSession select(MailAccount account, String name, boolean readOnly, FolderListener listener)
            throws Exception {
        return call(() -> account.select(name, readOnly, listener));
    }

    private long append(MailAccount account, String folder, Set<String> flags, String text) throws Exception {
        CopyResult result = call(() -> account.append(folder, flags, Instant.parse("2024-05-06T07:08:09Z"))
                .thenCompose(appender -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    appender.write(java.util.Arrays.copyOfRange(bytes, 0, bytes.length / 2));
                    appender.write(java.util.Arrays.copyOfRange(bytes, bytes.length / 2, bytes.length));
                    return appender.finish();
                }));
        assertThat(result.sourceUids()).isEmpty();
        return result.targetUids().get(0);
    }

    private static List<Long> uids(List<MessageInfo> messages) {
        return messages.stream().map(MessageInfo::uid).toList();
    }

    // ------------------------------------------------------------------ delivery and POP3

    @Test
    void aDeliveryIsReadByPop3ByteExactWithCrLfAndAStableUidl() throws Exception {
        MessageReceipt receipt = deliver("Alice", "Subject: hi", "", "body", ".dot");
        assertThat(receipt.mailbox()).isEqualTo("alice");
        assertThat(receipt.size()).isEqualTo("Subject: hi\r\n\r\nbody\r\n.dot\r\n".length());
        assertThat(this.store.exists("ALICE")).isTrue();

        OpenMailbox open = call(() -> this.store.openMailbox("alice"));
        Mailbox box = open.mailbox();
        assertThat(box.listMessages()).containsExactly(receipt.size());
        assertThat(read(call(() -> box.openMessage(0)))).isEqualTo("Subject: hi\r\n\r\nbody\r\n.dot\r\n");
        String uidl = box.getUidl(0);
        assertThat(uidl).matches("[\\x21-\\x7e]{1,70}");
        call(box::sync);

        OpenMailbox again = call(() -> this.store.openMailbox("alice"));
        assertThat(again.mailbox().getUidl(0)).isEqualTo(uidl);
        again.release().run();
    }

    @Test
    void pop3HasOneSessionPerMailboxAndDeletesOnlyOnSync() throws Exception {
        deliver("alice", "Subject: one", "", "1");
        deliver("alice", "Subject: two", "", "2");
        deliver("alice", "Subject: three", "", "3");
        OpenMailbox first = call(() -> this.store.openMailbox("alice"));
        assertThatExceptionOfType(MailboxLockedException.class).isThrownBy(() -> call(() -> this.store.openMailbox("alice")));
        OpenMailbox bob = call(() -> this.store.openMailbox("bob"));
        assertThat(bob.mailbox().listMessages()).as("another mailbox is free, and opens empty").isEmpty();
        bob.release().run();

        Mailbox box = first.mailbox();
        box.deleteMessage(0);
        box.deleteMessage(2);
        assertThat(box.isDeleted(0)).isTrue();
        box.undeleteMessages();
        assertThat(box.isDeleted(0)).isFalse();
        box.deleteMessage(1);
        assertThat(box.listMessages()).as("a deleted message keeps its number").hasSize(3);
        call(box::sync);

        OpenMailbox second = await().atMost(WAIT).ignoreExceptions()
                .until(() -> call(() -> this.store.openMailbox("alice")), o -> true);
        assertThat(second.mailbox().listMessages()).hasSize(2);
        assertThat(read(call(() -> second.mailbox().openMessage(1)))).endsWith("3\r\n");
        second.mailbox().deleteMessage(0);
        second.release().run();

        OpenMailbox third = await().atMost(WAIT).ignoreExceptions()
                .until(() -> call(() -> this.store.openMailbox("alice")), o -> true);
        assertThat(third.mailbox().listMessages()).as("release without sync deleted nothing").hasSize(2);
        third.release().run();
    }

    @Test
    void mailboxNamesAreFoldedAndUnsafeOnesRefused() throws Exception {
        for (String bad : List.of("", "..", "../etc", "a/b", ".hidden", "x".repeat(65), "al ice")) {
            assertThat(this.store.exists(bad)).as(bad).isFalse();
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad).isThrownBy(() -> this.store.newMessage(bad));
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad)
                    .isThrownBy(() -> call(() -> this.store.openMailbox(bad)));
        }
    }

    // ------------------------------------------------------------------ folders

    @Test
    void foldersAreCreatedListedRenamedAndDeletedWithNoselectParents() throws Exception {
        MailAccount account = account("alice");
        call(() -> account.create("Sent"));
        call(() -> account.create("Archive.2024"));
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.create("Sent")))
                .extracting(FolderException::getReason).isEqualTo(Reason.ALREADY_EXISTS);
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.create("inbox")))
                .extracting(FolderException::getReason).isEqualTo(Reason.ALREADY_EXISTS);
        for (String bad : List.of("a..b", ".a", "a.", "a/b", "~x", "bell\u0007")) {
            assertThatExceptionOfType(FolderException.class).as(bad).isThrownBy(() -> call(() -> account.create(bad)))
                    .extracting(FolderException::getReason).isEqualTo(Reason.CANNOT);
        }

        Map<String, Set<String>> listed = list(account);
        assertThat(listed.keySet()).containsExactlyInAnyOrder("INBOX", "Sent", "Archive", "Archive.2024");
        assertThat(listed.get("Archive")).contains("\\Noselect", "\\HasChildren");
        assertThat(listed.get("Sent")).contains("\\Sent", "\\HasNoChildren");
        assertThat(account.delimiter()).isEqualTo('.');

        call(() -> account.create("Work"));
        call(() -> account.create("Work.Done"));
        long uid = append(account, "Work.Done", Set.of(), "Subject: kept\r\n\r\nx\r\n");
        call(() -> account.rename("Work", "Projects"));
        assertThat(list(account).keySet()).contains("Projects", "Projects.Done").doesNotContain("Work", "Work.Done");
        FolderSession done = select(account, "Projects.Done", true, new Recorder());
        assertThat(uids(done.messages())).as("renaming keeps UIDs").containsExactly(uid);
        done.close();

        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.delete("INBOX")))
                .extracting(FolderException::getReason).isEqualTo(Reason.CANNOT);
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.delete("Nope")))
                .extracting(FolderException::getReason).isEqualTo(Reason.NONEXISTENT);
        call(() -> account.delete("Sent"));
        assertThat(list(account).keySet()).doesNotContain("Sent");
    }

    @Test
    void aSelectedFolderCannotBeDeletedOrRenamed() throws Exception {
        MailAccount account = account("alice");
        call(() -> account.create("Busy"));
        FolderSession session = select(account, "Busy", false, new Recorder());
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.delete("Busy")))
                .extracting(FolderException::getReason).isEqualTo(Reason.IN_USE);
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.rename("Busy", "Other")))
                .extracting(FolderException::getReason).isEqualTo(Reason.IN_USE);
        session.close();
        call(() -> account.delete("Busy"));
    }

    @Test
    void subscriptionsMayNameFoldersThatDoNotExist() throws Exception {
        MailAccount account = account("alice");
        call(() -> account.subscribe("INBOX"));
        call(() -> account.subscribe("Gone.Long"));
        call(() -> account.subscribe("Gone.Long"));
        assertThat(call(account::subscriptions)).containsExactlyInAnyOrder("INBOX", "Gone.Long");
        call(() -> account.unsubscribe("Gone.Long"));
        assertThat(call(account::subscriptions)).containsExactly("INBOX");
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmptyWithItsUidsGoingOn() throws Exception {
        deliverEach("alice", "a", "b");
        MailAccount account = account("alice");
        FolderStatus before = call(() -> account.status("INBOX"));
        call(() -> account.rename("INBOX", "Old"));
        FolderStatus inbox = call(() -> account.status("INBOX"));
        assertThat(inbox.messages()).isZero();
        assertThat(inbox.uidNext()).isEqualTo(before.uidNext());
        assertThat(inbox.uidValidity()).isEqualTo(before.uidValidity());
        FolderStatus old = call(() -> account.status("Old"));
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.uidValidity()).isNotEqualTo(before.uidValidity());
        deliverEach("alice", "c");
        FolderSession session = select(account, "INBOX", true, new Recorder());
        assertThat(uids(session.messages())).containsExactly(before.uidNext());
    }

    // ------------------------------------------------------------------ status, select, \Recent

    @Test
    void statusCountsRecentAndUnseenAndOnlyAReadWriteSelectTakesRecent() throws Exception {
        deliverEach("alice", "1", "2");
        MailAccount account = account("alice");
        FolderStatus status = call(() -> account.status("inbox"));
        assertThat(status.messages()).isEqualTo(2);
        assertThat(status.recent()).isEqualTo(2);
        assertThat(status.unseen()).isEqualTo(2);
        assertThat(status.uidNext()).isEqualTo(3);
        assertThat(status.uidValidity()).isPositive();
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> account.status("Nope")))
                .extracting(FolderException::getReason).isEqualTo(Reason.NONEXISTENT);

        FolderSession examined = select(account, "INBOX", true, new Recorder());
        assertThat(examined.messages()).allSatisfy(m -> assertThat(m.flags()).doesNotContain(MessageInfo.RECENT));
        assertThat(examined.uidNext()).isEqualTo(3);
        assertThat(examined.uidValidity()).isEqualTo(status.uidValidity());
        assertThat(call(() -> account.status("INBOX")).recent()).isEqualTo(2);

        FolderSession selected = select(account, "INBOX", false, new Recorder());
        assertThat(selected.messages()).allSatisfy(m -> assertThat(m.flags()).contains(MessageInfo.RECENT));
        assertThat(call(() -> account.status("INBOX")).recent()).isZero();
        FolderSession later = select(account, "INBOX", false, new Recorder());
        assertThat(later.messages()).allSatisfy(m -> assertThat(m.flags()).doesNotContain(MessageInfo.RECENT));
        assertThatExceptionOfType(FolderException.class)
                .isThrownBy(() -> call(() -> examined.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD,
                        Set.of(MessageInfo.SEEN)))))
                .extracting(FolderException::getReason).isEqualTo(Reason.CANNOT);
        assertThatExceptionOfType(FolderException.class)
                .isThrownBy(() -> call(() -> account.select("Nope", false, new Recorder())))
                .extracting(FolderException::getReason).isEqualTo(Reason.NONEXISTENT);
    }

    // ------------------------------------------------------------------ append, store, expunge

    @Test
    void appendKeepsFlagsKeywordsTheDateAndTheBytesAndTakesTheNextUid() throws Exception {
        MailAccount account = account("alice");
        call(() -> account.create("Drafts"));
        String text = "Subject: draft\r\n\r\nnot yet\r\n";
        long first = append(account, "Drafts", Set.of(MessageInfo.DRAFT, "$Work"), text);
        long second = append(account, "Drafts", Set.of(), "Subject: 2\r\n\r\n2\r\n");
        assertThat(second).isGreaterThan(first);
        FolderSession session = select(account, "Drafts", false, new Recorder());
        MessageInfo info = session.messages().get(0);
        assertThat(info.uid()).isEqualTo(first);
        assertThat(info.flags()).contains(MessageInfo.DRAFT, "$Work");
        assertThat(info.internalDate()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(info.size()).isEqualTo(text.length());
        assertThat(content(session, first)).isEqualTo(text);
        assertThat(session.keywords()).contains("$Work");
        assertThat(session.uidNext()).isGreaterThan(second);
        assertThatExceptionOfType(FolderException.class)
                .isThrownBy(() -> call(() -> account.append("Nope", Set.of(), null)))
                .extracting(FolderException::getReason).isEqualTo(Reason.NONEXISTENT);

        MessageAppender aborted = call(() -> account.append("Drafts", Set.of(), null));
        this.running.run(() -> {
            aborted.write("Subject: never\r\n".getBytes(StandardCharsets.UTF_8));
            aborted.abort();
        });
        assertThat(call(() -> account.status("Drafts")).messages()).as("an aborted append leaves nothing").isEqualTo(2);
    }

    @Test
    void storeAndExpungeReachTheOtherSessionsListenerAndNotTheirOwn() throws Exception {
        deliverEach("alice", "1", "2", "3");
        MailAccount account = account("alice");
        Recorder mine = new Recorder();
        Recorder theirs = new Recorder();
        FolderSession session = select(account, "INBOX", false, mine);
        FolderSession other = select(account("alice"), "INBOX", false, theirs);

        List<MessageInfo> stored = call(() -> session.store(List.of(1L, 2L, 99L), new FlagChange(FlagChange.Mode.ADD,
                Set.of(MessageInfo.SEEN, "$Label"))));
        assertThat(uids(stored)).containsExactly(1L, 2L);
        assertThat(stored).allSatisfy(m -> assertThat(m.flags()).contains(MessageInfo.SEEN, "$Label"));
        await().atMost(WAIT).until(() -> theirs.flagged().containsAll(List.of(1L, 2L)));
        assertThat(theirs.changes.stream().filter(c -> c.startsWith("flags 1 ")).findFirst().orElseThrow())
                .contains("\\Seen", "$Label");

        call(() -> session.store(List.of(1L), new FlagChange(FlagChange.Mode.REMOVE, Set.of("$Label"))));
        List<MessageInfo> replaced = call(() -> session.store(List.of(2L), new FlagChange(FlagChange.Mode.REPLACE,
                Set.of(MessageInfo.FLAGGED, MessageInfo.DELETED))));
        assertThat(replaced.get(0).flags()).contains(MessageInfo.FLAGGED, MessageInfo.DELETED)
                .doesNotContain(MessageInfo.SEEN, "$Label");
        call(() -> session.store(List.of(3L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.DELETED))));

        assertThat(call(() -> session.expunge(List.of(1L, 2L)))).as("UID EXPUNGE: only those, only \\Deleted")
                .containsExactly(2L);
        await().atMost(WAIT).until(() -> theirs.expunged().contains(2L));
        assertThat(call(() -> session.expunge(null))).containsExactly(3L);
        await().atMost(WAIT).until(() -> theirs.expunged().contains(3L));
        assertThat(mine.changes).as("a session's own changes are not echoed to it").isEmpty();
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> session.content(3L)))
                .extracting(FolderException::getReason).isEqualTo(Reason.NONEXISTENT);
        FolderSession fresh = select(account, "INBOX", true, new Recorder());
        assertThat(fresh.messages()).singleElement().satisfies(m -> {
            assertThat(m.uid()).isEqualTo(1L);
            assertThat(m.flags()).contains(MessageInfo.SEEN).doesNotContain("$Label");
        });
        other.close();
    }

    @Test
    void copyAndMoveGiveUidplusResultsCarryFlagsAndReachTheTargetsSessions() throws Exception {
        deliverEach("alice", "1", "2");
        MailAccount account = account("alice");
        call(() -> account.create("Archive"));
        Recorder inboxListener = new Recorder();
        FolderSession inbox = select(account, "INBOX", false, inboxListener);
        call(() -> inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.FLAGGED, "$Keep"))));
        Recorder archiveListener = new Recorder();
        FolderSession archive = select(account("alice"), "Archive", false, archiveListener);
        FolderStatus archiveStatus = call(() -> account.status("Archive"));

        CopyResult copied = call(() -> inbox.copy(List.of(1L, 2L, 77L), "Archive"));
        assertThat(copied.sourceUids()).containsExactly(1L, 2L);
        assertThat(copied.targetUids()).hasSize(2).isSorted();
        assertThat(copied.uidValidity()).isEqualTo(archiveStatus.uidValidity());
        await().atMost(WAIT).until(() -> archiveListener.added().containsAll(copied.targetUids()));
        assertThat(archiveListener.changes.stream().filter(c -> c.startsWith("new " + copied.targetUids().get(0) + " "))
                .findFirst().orElseThrow()).contains("\\Flagged", "$Keep");
        assertThat(content(archive, copied.targetUids().get(1))).endsWith("2\r\n");

        CopyResult own = call(() -> inbox.copy(List.of(2L), "INBOX"));
        await().atMost(WAIT).until(() -> inboxListener.added().containsAll(own.targetUids()));

        CopyResult moved = call(() -> inbox.move(List.of(1L), "Archive"));
        assertThat(moved.sourceUids()).containsExactly(1L);
        assertThat(uids(select(account, "INBOX", true, new Recorder()).messages())).doesNotContain(1L);
        assertThat(call(() -> account.status("Archive")).messages()).isEqualTo(3);
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> inbox.copy(List.of(2L), "Nope")))
                .extracting(FolderException::getReason).isEqualTo(Reason.NONEXISTENT);
        FolderSession readOnly = select(account, "INBOX", true, new Recorder());
        assertThatExceptionOfType(FolderException.class).isThrownBy(() -> call(() -> readOnly.move(List.of(2L), "Archive")))
                .extracting(FolderException::getReason).isEqualTo(Reason.CANNOT);
    }

    // ------------------------------------------------------------------ SMTP and POP3 meet IMAP

    @Test
    void aDeliveryReachesASelectedInboxWithItsUidAndRecentAndAPop3DeletionAsAnExpunge() throws Exception {
        deliverEach("alice", "old");
        MailAccount account = account("alice");
        Recorder listener = new Recorder();
        FolderSession session = select(account, "INBOX", false, listener);
        long next = session.uidNext();
        deliverEach("alice", "new");
        await().atMost(WAIT).until(() -> listener.added().contains(next));
        assertThat(listener.changes).anySatisfy(c -> assertThat(c).startsWith("new " + next + " ").contains("\\Recent"));

        OpenMailbox pop = call(() -> this.store.openMailbox("alice"));
        assertThat(pop.mailbox().listMessages()).hasSize(2);
        pop.mailbox().deleteMessage(0);
        call(() -> pop.mailbox().sync());
        await().atMost(WAIT).until(() -> listener.expunged().contains(1L));
        assertThat(content(session, next)).endsWith("new\r\n");
    }

    @Test
    void uidsAreNeverReusedAndARecreatedFolderHasANewUidValidity() throws Exception {
        MailAccount account = account("alice");
        call(() -> account.create("Tmp"));
        long validity = call(() -> account.status("Tmp")).uidValidity();
        long first = append(account, "Tmp", Set.of(MessageInfo.DELETED), "Subject: x\r\n\r\n");
        FolderSession session = select(account, "Tmp", false, new Recorder());
        call(() -> session.expunge(null));
        long second = append(account, "Tmp", Set.of(), "Subject: y\r\n\r\n");
        assertThat(second).isGreaterThan(first);
        session.close();
        call(() -> account.delete("Tmp"));
        call(() -> account.create("Tmp"));
        assertThat(call(() -> account.status("Tmp")).uidValidity()).isGreaterThan(validity);
    }

    private Map<String, Set<String>> list(MailAccount account) throws Exception {
        return call(account::listFolders).stream().collect(Collectors.toMap(FolderInfo::name, FolderInfo::attributes));
    }

    /** A listener that records what it hears, from the reactor thread, for a test thread to read. */
    static final class Recorder implements FolderListener {

        final List<String> changes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void newMessages(List<MessageInfo> messages) {
            messages.forEach(m -> this.changes.add("new " + m.uid() + " " + m.flags()));
        }

        @Override
        public void expunged(List<Long> uids) {
            uids.forEach(uid -> this.changes.add("expunged " + uid));
        }

        @Override
        public void flagsChanged(List<MessageInfo> messages) {
            messages.forEach(m -> this.changes.add("flags " + m.uid() + " " + m.flags()));
        }

        List<Long> added() {
            return numbers("new ");
        }

        List<Long> expunged() {
            return numbers("expunged ");
        }

        List<Long> flagged() {
            return numbers("flags ");
        }

        private List<Long> numbers(String prefix) {
            synchronized (this.changes) {
                List<Long> found = new ArrayList<>();
                for (String change : this.changes) {
                    if (change.startsWith(prefix)) {
                        found.add(Long.parseLong(change.substring(prefix.length()).split(" ")[0]));
                    }
                }
                return found;
            }
        }
    }
}
