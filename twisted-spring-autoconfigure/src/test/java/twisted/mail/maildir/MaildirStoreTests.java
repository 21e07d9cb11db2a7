package twisted.mail.maildir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Deferred;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;
import twisted.testing.Clock;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class MaildirStoreTests {

    @TempDir
    Path root;

    private final QueuedBlocking blocking = new QueuedBlocking();

    private MaildirStore store() {
        return new MaildirStore(this.root, new Clock(), this.blocking, "test.host");
    }

    @Test
    void deliveryIsByteExactWithCrLfLineEndings() throws Exception {
        MessageWriter writer = store().newMessage("alice");
        List<byte[]> lines = List.of("Subject: hi".getBytes(StandardCharsets.US_ASCII), new byte[0],
                ".leading dot kept as given".getBytes(StandardCharsets.US_ASCII),
                new byte[] { (byte) 0xc3, (byte) 0xa9, 0, 0x7f, '\r' });
        for (byte[] line : lines) {
            writer.lineReceived(line);
        }
        Deferred<MessageReceipt> stored = writer.eomReceived();
        this.blocking.runAll();

        MessageReceipt receipt = successResultOf(stored);
        Path file = this.root.resolve("alice/new").resolve(receipt.id());
        byte[] expected = crlf(lines);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
        assertThat(receipt.size()).isEqualTo(expected.length);
        assertThat(receipt.mailbox()).isEqualTo("alice");
        assertThat(files("alice/tmp")).isEmpty();
        assertThat(files("alice/cur")).isEmpty();
    }

    @Test
    void nothingTouchesTheDiskOnTheCallingThreadAndNothingIsInNewUntilTheWorkIsDone() throws Exception {
        MaildirStore store = store();
        store.createMailbox("alice");
        MessageWriter writer = store.newMessage("alice");
        byte[] line = "x".repeat(999).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // about 200 KB: three chunks before the end
            writer.lineReceived(line);
            lines.add(line);
        }
        assertThat(this.blocking.queued()).as("the first full chunk handed over; the next wait for it").isEqualTo(1);
        assertThat(files("alice/tmp")).as("written by the caller's thread").isEmpty();

        Deferred<MessageReceipt> stored = writer.eomReceived();
        while (this.blocking.queued() > 0) {
            assertNoResult(stored);
            assertThat(files("alice/new")).isEmpty();
            this.blocking.runNext();
            if (!stored.isCalled()) {
                assertThat(files("alice/tmp")).hasSize(1);
            }
        }
        MessageReceipt receipt = successResultOf(stored);
        assertThat(files("alice/new")).containsExactly(receipt.id());
        assertThat(Files.readAllBytes(this.root.resolve("alice/new").resolve(receipt.id()))).isEqualTo(crlf(lines));
    }

    @Test
    void connectionLostLeavesNothingBehind() throws Exception {
        MessageWriter writer = store().newMessage("alice");
        for (int i = 0; i < 100; i++) {
            writer.lineReceived("y".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        }
        this.blocking.runNext(); // a chunk is in tmp
        assertThat(files("alice/tmp")).hasSize(1);

        writer.connectionLost();
        writer.connectionLost();
        this.blocking.runAll();
        assertThat(files("alice/tmp")).isEmpty();
        assertThat(files("alice/new")).isEmpty();
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> writer.lineReceived(new byte[0]));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(writer::eomReceived);
    }

    @Test
    void connectionLostAfterEomReceivedStillStoresTheMessage() throws Exception {
        MessageWriter writer = store().newMessage("alice");
        writer.lineReceived("body".getBytes(StandardCharsets.US_ASCII));
        Deferred<MessageReceipt> stored = writer.eomReceived();
        writer.connectionLost();
        this.blocking.runAll();
        assertThat(files("alice/new")).containsExactly(successResultOf(stored).id());
    }

    @Test
    void aFailedWriteFailsEomReceivedAndLeavesNothing() throws Exception {
        Files.writeString(this.root.resolve("alice"), "a file where the maildir should be");
        MessageWriter writer = store().newMessage("alice");
        writer.lineReceived("body".getBytes(StandardCharsets.US_ASCII));
        Deferred<MessageReceipt> stored = writer.eomReceived();
        this.blocking.runAll();
        assertThat(failureResultOf(stored, java.io.IOException.class)).isNotNull();
    }

    @Test
    void mailboxesAreCreatedOnDemandOrExplicitlyAndNamesFolded() throws Exception {
        MaildirStore store = store();
        assertThat(store.exists("Bob")).isFalse();
        store.createMailbox("Bob");
        assertThat(store.exists("bob")).isTrue();
        assertThat(store.exists("BOB")).isTrue();
        for (String sub : List.of("tmp", "new", "cur")) {
            assertThat(this.root.resolve("bob").resolve(sub)).isDirectory();
        }

        MessageWriter writer = store.newMessage("Carol");
        writer.eomReceived();
        this.blocking.runAll();
        assertThat(store.exists("carol")).isTrue();
        assertThat(files("carol/new")).hasSize(1);
    }

    @Test
    void unsafeMailboxNamesAreRefused() throws Exception {
        MaildirStore store = store();
        Files.createDirectories(this.root.resolve("outside/new"));
        for (String bad : List.of("..", ".", "../outside", "a/b", "", ".hidden", "x\u0000")) {
            assertThat(store.exists(bad)).as(bad).isFalse();
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad).isThrownBy(() -> store.newMessage(bad));
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad)
                    .isThrownBy(() -> store.createMailbox(bad));
            failureResultOf(store.openMailbox(bad), IllegalArgumentException.class);
        }
        try (Stream<Path> all = Files.walk(this.root)) {
            assertThat(all.filter(p -> !p.startsWith(this.root.resolve("outside"))).count()).isEqualTo(1);
        }
    }

    @Test
    void concurrentDeliveriesOnARealReactorGetUniqueNamesAndExactContent() throws Exception {
        try (RunningReactor running = RunningReactor.start()) {
            MaildirStore store = new MaildirStore(this.root, running.reactor());
            int count = 200;
            List<MessageReceipt> receipts = running.call(() -> {
                List<Deferred<MessageReceipt>> all = new ArrayList<>();
                List<MessageWriter> writers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    writers.add(store.newMessage("user" + (i % 3)));
                }
                for (int line = 0; line < 50; line++) { // interleaved, as concurrent connections are
                    for (int i = 0; i < count; i++) {
                        writers.get(i).lineReceived(content(i, line));
                    }
                }
                for (MessageWriter writer : writers) {
                    all.add(writer.eomReceived());
                }
                return gather(all);
            });
            assertThat(receipts).hasSize(count);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < count; i++) {
                MessageReceipt receipt = receipts.get(i);
                assertThat(ids.add(receipt.id())).isTrue();
                List<byte[]> lines = new ArrayList<>();
                for (int line = 0; line < 50; line++) {
                    lines.add(content(i, line));
                }
                Path file = this.root.resolve(receipt.mailbox()).resolve("new").resolve(receipt.id());
                assertThat(Files.readAllBytes(file)).isEqualTo(crlf(lines));
            }
            for (int u = 0; u < 3; u++) {
                assertThat(files("user" + u + "/tmp")).isEmpty();
            }
        }
    }

    private static Deferred<List<MessageReceipt>> gather(List<Deferred<MessageReceipt>> all) {
        Deferred<List<MessageReceipt>> result = Deferred.succeed(new ArrayList<>());
        for (Deferred<MessageReceipt> one : all) {
            result = result.thenCompose(list -> one.thenApply(receipt -> {
                list.add(receipt);
                return list;
            }));
        }
        return result;
    }

    private static byte[] content(int message, int line) {
        return ("message " + message + " line " + line + " " + "z".repeat(message % 97))
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] crlf(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.writeBytes(new byte[] { '\r', '\n' });
        }
        return out.toByteArray();
    }

    private List<String> files(String directory) throws Exception {
        Path path = this.root.resolve(directory);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
