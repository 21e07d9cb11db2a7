package twisted.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import twisted.defer.Deferred;
import twisted.mail.MailStore;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;

/**
 * A {@link MailStore} test double: mailboxes by name, messages kept byte-exact (each line followed
 * by CR LF, as a store writes it). It can fail every store, or hold each {@code eomReceived} until
 * the test {@linkplain #release() releases} it, to prove that 250 waits for the store.
 */
final class MemoryMailStore implements MailStore {

    record Stored(String mailbox, byte[] bytes) {

        String text() {
            return new String(this.bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private final Set<String> mailboxes;

    final List<Stored> stored = new ArrayList<>();

    /** Writers started, and how many were dropped through connectionLost. */
    int started;

    int dropped;

    /** When set, eomReceived fails with it. */
    @Nullable Exception failWith;

    /** When set, eomReceived waits for {@link #release()}. */
    boolean hold;

    private final List<Runnable> held = new ArrayList<>();

    MemoryMailStore(String... mailboxes) {
        this.mailboxes = Set.of(mailboxes);
    }

    @Override
    public boolean exists(String mailbox) {
        return this.mailboxes.contains(mailbox);
    }

    @Override
    public MessageWriter newMessage(String mailbox) {
        this.started++;
        return new MessageWriter() {

            private final ByteArrayOutputStream out = new ByteArrayOutputStream();

            private boolean finished;

            @Override
            public void lineReceived(byte[] line) {
                if (this.finished) {
                    throw new IllegalStateException("line after the end of the message");
                }
                this.out.writeBytes(line);
                this.out.writeBytes(new byte[] {'\r', '\n'});
            }

            @Override
            public Deferred<MessageReceipt> eomReceived() {
                this.finished = true;
                if (MemoryMailStore.this.failWith != null) {
                    return Deferred.fail(MemoryMailStore.this.failWith);
                }
                Deferred<MessageReceipt> d = new Deferred<>();
                Runnable commit = () -> {
                    byte[] bytes = this.out.toByteArray();
                    MemoryMailStore.this.stored.add(new Stored(mailbox, bytes));
                    d.callback(new MessageReceipt(mailbox, "m" + MemoryMailStore.this.stored.size(), bytes.length));
                };
                if (MemoryMailStore.this.hold) {
                    MemoryMailStore.this.held.add(commit);
                }
                else {
                    commit.run();
                }
                return d;
            }

            @Override
            public void connectionLost() {
                this.finished = true;
                MemoryMailStore.this.dropped++;
            }
        };
    }

    /** Stores the held messages, firing their Deferreds. */
    void release() {
        List<Runnable> now = new ArrayList<>(this.held);
        this.held.clear();
        now.forEach(Runnable::run);
    }

    int heldCount() {
        return this.held.size();
    }

    @Override
    public Deferred<OpenMailbox> openMailbox(String mailbox) {
        return Deferred.fail(new UnsupportedOperationException("SMTP tests do not read mailboxes"));
    }

    /** The stored message without its Received header (the first lines, up to one that does not begin with a tab). */
    String body(int index) {
        String text = this.stored.get(index).text();
        int end = text.indexOf("\r\n");
        while (end >= 0 && end + 2 < text.length() && text.charAt(end + 2) == '\t') {
            end = text.indexOf("\r\n", end + 2);
        }
        return text.substring(end + 2);
    }
}
