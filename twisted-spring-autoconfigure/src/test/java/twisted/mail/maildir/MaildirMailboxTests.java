package twisted.mail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Deferred;
import twisted.mail.MailStore.OpenMailbox;
import twisted.mail.Mailbox;
import twisted.mail.MailboxLockedException;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;
import twisted.testing.Clock;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class MaildirMailboxTests {

    @TempDir
    Path root;

    private final QueuedBlocking blocking = new QueuedBlocking();

    private final Clock clock = new Clock();

    private final List<Runnable> releases = new ArrayList<>();

    @AfterEach
    void releaseLocks() {
        this.releases.forEach(Runnable::run);
    }

    private MaildirStore store() {
        return new MaildirStore(this.root, this.clock, this.blocking, "test.host");
    }

    private MessageReceipt deliver(MaildirStore store, String mailbox, String... lines) {
        MessageWriter writer = store.newMessage(mailbox);
        for (String line : lines) {
            writer.lineReceived(line.getBytes(StandardCharsets.UTF_8));
        }
        Deferred<MessageReceipt> stored = writer.eomReceived();
        this.blocking.runAll();
        this.clock.advance(0.5);
        return successResultOf(stored);
    }

    private OpenMailbox open(MaildirStore store, String mailbox) {
        Deferred<OpenMailbox> opened = store.openMailbox(mailbox);
        this.blocking.runAll();
        OpenMailbox open = successResultOf(opened);
        this.releases.add(open.release());
        return open;
    }

    @Test
    void listsNewAndCurInDeliveryOrderWithSizesAsSentAndUidls() throws Exception {
        MaildirStore store = store();
        MessageReceipt first = deliver(store, "alice", "Subject: one", "", "body");
        MessageReceipt second = deliver(store, "alice", "Subject: two");
        MessageReceipt third = deliver(store, "alice", "Subject: three", "", "x");
        // a reader (a MUA) moved the second message to cur with flags
        Files.move(this.root.resolve("alice/new").resolve(second.id()),
                this.root.resolve("alice/cur").resolve(second.id() + ":2,S"));
        Files.writeString(this.root.resolve("alice/tmp/partial"), "From: half a mess");

        Mailbox mailbox = open(store, "Alice").mailbox();
        assertThat(mailbox.listMessages()).containsExactly(first.size(), second.size(), third.size());
        assertThat(first.size()).isEqualTo("Subject: one\r\n\r\nbody\r\n".length());
        assertThat(mailbox.getUidl(0)).isEqualTo(first.id());
        assertThat(mailbox.getUidl(1)).isEqualTo(second.id());
        assertThat(mailbox.getUidl(2)).isEqualTo(third.id());
        try (InputStream in = mailbox.getMessage(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Subject: one\r\n\r\nbody\r\n");
        }
        try (InputStream in = mailbox.getMessage(1)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Subject: two\r\n");
        }
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> mailbox.getUidl(3));
    }

    @Test
    void theListingIsFixedAtOpenTime() {
        MaildirStore store = store();
        deliver(store, "alice", "one");
        Mailbox mailbox = open(store, "alice").mailbox();
        deliver(store, "alice", "two");
        assertThat(mailbox.listMessages()).hasSize(1);
    }

    @Test
    void deleteOnlyMarksAndSyncDeletesTheMarkedFilesThenReleasesTheLock() throws Exception {
        MaildirStore store = store();
        MessageReceipt one = deliver(store, "alice", "one");
        MessageReceipt two = deliver(store, "alice", "two");
        MessageReceipt three = deliver(store, "alice", "three");
        Mailbox mailbox = open(store, "alice").mailbox();

        mailbox.deleteMessage(0);
        mailbox.deleteMessage(2);
        assertThat(mailbox.isDeleted(0)).isTrue();
        assertThat(mailbox.isDeleted(1)).isFalse();
        mailbox.undeleteMessages();
        assertThat(mailbox.isDeleted(0)).isFalse();
        mailbox.deleteMessage(0);
        mailbox.deleteMessage(1);
        assertThat(newFiles()).containsExactlyInAnyOrder(one.id(), two.id(), three.id());
        failureResultOf(store.openMailbox("alice"), MailboxLockedException.class);

        Deferred<Void> synced = mailbox.sync();
        assertNoResult(synced);
        assertThat(newFiles()).hasSize(3);
        this.blocking.runAll();
        successResultOf(synced);
        assertThat(newFiles()).containsExactly(three.id());

        Mailbox next = open(store, "alice").mailbox();
        assertThat(next.getUidl(0)).isEqualTo(three.id());
        assertThat(next.listMessages()).hasSize(1);
    }

    @Test
    void aMessageMovedToCurByAnotherReaderIsStillDeleted() throws Exception {
        MaildirStore store = store();
        MessageReceipt one = deliver(store, "alice", "one");
        Mailbox mailbox = open(store, "alice").mailbox();
        Files.move(this.root.resolve("alice/new").resolve(one.id()),
                this.root.resolve("alice/cur").resolve(one.id() + ":2,S"));
        mailbox.deleteMessage(0);
        mailbox.sync();
        this.blocking.runAll();
        assertThat(count("alice/cur")).isZero();
    }

    @Test
    void releaseWithoutSyncDeletesNothingAndFreesTheMailbox() throws Exception {
        MaildirStore store = store();
        deliver(store, "alice", "one");
        OpenMailbox open = open(store, "alice");
        open.mailbox().deleteMessage(0);
        failureResultOf(store.openMailbox("ALICE"), MailboxLockedException.class);

        open.release().run();
        this.blocking.runAll();
        assertThat(newFiles()).hasSize(1);
        OpenMailbox again = open(store, "alice");
        assertThat(again.mailbox().isDeleted(0)).isFalse();
        open.release().run(); // a stale release does not free the new session's lock
        failureResultOf(store.openMailbox("alice"), MailboxLockedException.class);
    }

    @Test
    void theLockIsSharedByStoresOnTheSameRootAndIndependentPerMailbox() {
        MaildirStore one = store();
        MaildirStore two = store();
        open(one, "alice");
        failureResultOf(two.openMailbox("alice"), MailboxLockedException.class);
        open(two, "bob");
    }

    @Test
    void aMissingMailboxOpensEmpty() {
        assertThat(open(store(), "nobody").mailbox().listMessages()).isEmpty();
        assertThat(this.root.resolve("nobody")).doesNotExist();
    }

    @Test
    void syncOnARealReactorDeletesOffTheReactorThread() throws Exception {
        try (RunningReactor running = RunningReactor.start()) {
            MaildirStore store = new MaildirStore(this.root, running.reactor());
            for (int i = 0; i < 5; i++) {
                MessageWriter writer = running.call(() -> store.newMessage("carol"));
                running.run(() -> writer.lineReceived("line".getBytes(StandardCharsets.US_ASCII)));
                running.call(writer::eomReceived);
            }
            OpenMailbox open = running.call(() -> store.openMailbox("carol"));
            assertThat(open.mailbox().listMessages()).hasSize(5);
            running.run(() -> {
                for (int i = 0; i < 5; i += 2) {
                    open.mailbox().deleteMessage(i);
                }
            });
            running.call(() -> open.mailbox().sync());
            assertThat(count("carol/new")).isEqualTo(2);
            OpenMailbox next = running.call(() -> store.openMailbox("carol"));
            assertThat(next.mailbox().listMessages()).hasSize(2);
            next.release().run();
        }
    }

    private long count(String directory) throws Exception {
        try (var list = Files.list(this.root.resolve(directory))) {
            return list.count();
        }
    }

    private List<String> newFiles() throws Exception {
        try (var list = Files.list(this.root.resolve("alice/new"))) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void openingRemovesWhatCrashedDeliveriesLeftInTmpAfter36HoursAtMostEvery8Hours() throws Exception {
        MaildirStore store = store();
        this.clock.advance(Duration.ofDays(365 * 30)); // the store's time: 1999-12-25
        MessageReceipt kept = deliver(store, "alice", "Subject: kept");
        Path tmp = this.root.resolve("alice/tmp");
        Path stale = leftInTmp(tmp, "stale", Duration.ofHours(37));
        Path fresh = leftInTmp(tmp, "fresh", Duration.ofHours(35));
        Files.createDirectory(tmp.resolve("a-directory"));
        Files.setLastModifiedTime(tmp.resolve("a-directory"), ago(Duration.ofHours(40)));

        OpenMailbox first = open(store, "alice");
        assertThat(stale).doesNotExist();
        assertThat(fresh).as("could be a delivery in progress").exists();
        assertThat(tmp.resolve("a-directory")).as("only files are removed").exists();
        assertThat(first.mailbox().listMessages()).hasSize(1);
        assertThat(first.mailbox().getUidl(0)).isEqualTo(kept.id());
        first.release().run();

        Path later = leftInTmp(tmp, "later", Duration.ofHours(40));
        this.clock.advance(Duration.ofHours(7));
        open(store, "alice").release().run();
        assertThat(later).as("swept less than 8 hours ago").exists();

        this.clock.advance(Duration.ofHours(1));
        open(store, "alice");
        assertThat(later).doesNotExist();
        assertThat(fresh).as("now 43 hours old").doesNotExist();
        assertThat(this.root.resolve("alice/new").resolve(kept.id())).exists();
    }

    private Path leftInTmp(Path tmp, String name, Duration age) throws IOException {
        Path file = Files.writeString(tmp.resolve(name), "Subject: half a message");
        Files.setLastModifiedTime(file, ago(age));
        return file;
    }

    private FileTime ago(Duration age) {
        return FileTime.fromMillis((long) (this.clock.seconds() * 1000) - age.toMillis());
    }
}
