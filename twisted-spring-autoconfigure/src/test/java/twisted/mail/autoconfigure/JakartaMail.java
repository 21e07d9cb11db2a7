package twisted.mail.autoconfigure;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;

import static org.awaitility.Awaitility.await;

/**
 * Jakarta Mail (Angus) as the mail auto-configuration tests use it against the servers they start
 * on 127.0.0.1: sessions, stores logged in as {@code alice} (password {@code secret}), messages
 * from {@code bob@elsewhere.test} to her, and an {@code IDLE} that waits for new messages.
 */
final class JakartaMail {

    private JakartaMail() {
    }

    /** A session for {@code protocol} ({@code smtp}, {@code pop3}, {@code imap}) on the port, with Angus's timeouts. */
    static Session session(String protocol, int port) {
        return Session.getInstance(properties(protocol, port));
    }

    /** A session whose reads time out after {@code timeout}. */
    static Session session(String protocol, int port, Duration timeout) {
        Properties properties = properties(protocol, port);
        properties.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
        return Session.getInstance(properties);
    }

    /** A {@code pop3} or {@code imap} store, logged in as alice. */
    static Store connect(String protocol, int port, Duration timeout) throws MessagingException {
        Store store = session(protocol, port, timeout).getStore(protocol);
        store.connect("alice", "secret");
        return store;
    }

    /** A plain-text message from bob@elsewhere.test to alice@example.test. */
    static MimeMessage message(Session session, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("bob@elsewhere.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.test"));
        message.setSubject(subject);
        message.setText(text);
        return message;
    }

    /**
     * Starts {@code IDLE} on an open folder in a thread of its own, and returns once that thread
     * runs (or has ended).
     */
    static Idle idle(Folder folder) {
        Idle idle = new Idle((IMAPFolder) folder);
        idle.thread.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> idle.thread.getState() == Thread.State.RUNNABLE || !idle.thread.isAlive());
        return idle;
    }

    /** An {@code IDLE} in progress: it ends when the server reports new messages. */
    static final class Idle {

        private final CompletableFuture<Integer> added = new CompletableFuture<>();

        private final Thread thread;

        private Idle(IMAPFolder folder) {
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    Idle.this.added.complete(event.getMessages().length);
                }
            });
            this.thread = new Thread(() -> {
                try {
                    folder.idle(true);
                }
                catch (MessagingException ex) {
                    this.added.completeExceptionally(ex);
                }
            }, "angus-idle");
        }

        /** How many messages the server reported as added, waiting at most {@code timeout}; then the thread ends. */
        int added(Duration timeout) throws Exception {
            int count = this.added.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            this.thread.join(10_000);
            return count;
        }
    }

    private static Properties properties(String protocol, int port) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".host", "127.0.0.1");
        properties.put("mail." + protocol + ".port", String.valueOf(port));
        return properties;
    }
}
