package twisted.mail.maildir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.mail.MessageWriter;
import twisted.testing.RunningReactor;

/**
 * The process {@link MaildirDurabilityTests} kills: delivers messages in a loop, a few at a time,
 * and prints {@code ACK <id>} once a message's {@code eomReceived} fired (what SMTP answers
 * {@code 250} on). To run the same test over SMTP later, replace {@link #deliver} with a send
 * through an SMTP server this process runs; the content rule ({@link #lines}) and the ACK lines
 * stay.
 *
 * <p>Arguments: the maildir root, the mailbox, how many deliveries to keep in flight.
 */
public final class DurabilityChild {

    private final Reactor reactor;

    private final MaildirStore store;

    private final String mailbox;

    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);

    private int nextId;

    private DurabilityChild(Reactor reactor, MaildirStore store, String mailbox) {
        this.reactor = reactor;
        this.store = store;
        this.mailbox = mailbox;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int inFlight = Integer.parseInt(args[2]);
        RunningReactor running = RunningReactor.start();
        DurabilityChild child = new DurabilityChild(running.reactor(), new MaildirStore(root, running.reactor()),
                args[1]);
        running.run(() -> {
            for (int i = 0; i < inFlight; i++) {
                child.next();
            }
        });
        child.out.println("READY");
        child.out.flush();
        new CountDownLatch(1).await(); // until killed
    }

    /** Starts the next delivery; on the reactor thread. */
    private void next() {
        int id = this.nextId++;
        deliver(id).addCallbacks(receipt -> {
            this.out.println("ACK " + id);
            this.out.flush();
            next();
            return null;
        }, failure -> {
            this.out.println("FAIL " + id + " " + failure.getErrorMessage());
            this.out.flush();
            return null;
        });
    }

    /** One delivery; the Deferred fires when the message is stored (the 250 moment). */
    private Deferred<?> deliver(int id) {
        MessageWriter writer = this.store.newMessage(this.mailbox);
        for (byte[] line : lines(id)) {
            writer.lineReceived(line);
        }
        return writer.eomReceived();
    }

    /**
     * The message with this id, line by line: a header naming the id, then a body whose size
     * varies with the id (every tenth message spans several 64 KiB write chunks).
     *
     * @param id the message's id
     * @return its lines, without line endings
     */
    static List<byte[]> lines(int id) {
        List<byte[]> lines = new ArrayList<>();
        lines.add(("Message-ID: <" + id + "@durability.test>").getBytes(StandardCharsets.US_ASCII));
        lines.add(("Subject: message " + id).getBytes(StandardCharsets.US_ASCII));
        lines.add(new byte[0]);
        int bodyLines = id % 10 == 0 ? 2_000 : 1 + id % 37;
        for (int i = 0; i < bodyLines; i++) {
            lines.add((id + ":" + i + " " + "abcdefghijklmnopqrstuvwxyz".repeat(1 + (id + i) % 3))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return lines;
    }
}
