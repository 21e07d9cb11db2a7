package twisted.mail.tap;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import twisted.mail.MailStore;
import twisted.mail.maildir.MaildirStore;
import twisted.mail.postgres.PostgresMailStore;

/**
 * What Actuator shows of the store: its mailboxes and the messages in them (a Maildir's new/ and cur/; the
 * PostgreSQL store's own counts, read in the background, and whether it listens for other nodes' changes).
 */
final class StoreDetails {

    private StoreDetails() {
    }

    static Map<String, Object> of(MailStore store) {
        Map<String, Object> details = new LinkedHashMap<>();
        // By name: the PostgreSQL store's class needs R2DBC, an optional dependency.
        if (store.getClass().getName().equals("twisted.mail.postgres.PostgresMailStore")) {
            return ((PostgresMailStore) store).details();
        }
        if (!(store instanceof MaildirStore maildir)) {
            details.put("type", store.getClass().getSimpleName());
            return details;
        }
        details.put("type", "maildir");
        details.put("root", maildir.root().toString());
        Map<String, Long> messages = new LinkedHashMap<>();
        try (DirectoryStream<Path> mailboxes = Files.newDirectoryStream(maildir.root(), Files::isDirectory)) {
            for (Path mailbox : mailboxes) {
                messages.put(mailbox.getFileName().toString(), count(mailbox.resolve("new")) + count(mailbox.resolve("cur")));
            }
        }
        catch (IOException ex) {
            details.put("error", ex.getMessage());
        }
        details.put("mailboxes", messages.size());
        details.put("messages", messages.values().stream().mapToLong(Long::longValue).sum());
        details.put("messagesByMailbox", messages);
        return details;
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            long n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        }
    }
}
