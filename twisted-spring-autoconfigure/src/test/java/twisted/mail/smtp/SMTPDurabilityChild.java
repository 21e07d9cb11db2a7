package twisted.mail.smtp;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import twisted.mail.maildir.MaildirStore;
import twisted.testing.RunningReactor;

/**
 * The process {@link SMTPDurabilityTests} kills: a real SMTP server on {@code 127.0.0.1} (a
 * Netty reactor, {@link SMTPFactory} with {@link SMTPSettings#defaults()}, {@link LocalDelivery}
 * for {@code example.test} into a {@link MaildirStore}), which prints {@code PORT <n>} once it
 * listens and then serves until it is killed.
 *
 * <p>Arguments: the maildir root, the mailbox to create.
 */
public final class SMTPDurabilityChild {

    private SMTPDurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        RunningReactor running = RunningReactor.start();
        MaildirStore store = new MaildirStore(Path.of(args[0]), running.reactor());
        store.createMailbox(args[1]);
        SMTPFactory factory = new SMTPFactory(SMTPSettings.defaults(), running.reactor(),
                new LocalDelivery(store, Set.of("example.test"), "localhost", running.reactor()), null, null, null);
        int port = running.listenTCP(factory);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        out.println("PORT " + port);
        new CountDownLatch(1).await(); // until killed
    }
}
