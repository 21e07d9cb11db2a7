package twisted.mail.maildir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Deferred;
import twisted.mail.Dovecot;
import twisted.mail.FlagChange;
import twisted.mail.FolderSession;
import twisted.mail.FolderStatus;
import twisted.mail.MailAccount;
import twisted.mail.MessageAppender;
import twisted.mail.MessageInfo;
import twisted.mail.MessageWriter;
import twisted.mail.ModifiedUtf7;
import twisted.testing.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.successResultOf;

/**
 * Our Maildir++ layout checked against Dovecot's (Debian's, started on loopback by the
 * {@link Dovecot} fixture on the same root): what our store writes, Dovecot's IMAP lists with the
 * same folders, subscriptions, UID validities, UIDs, flags, keywords, dates and sizes; what
 * Dovecot then changes, our store reads back.
 */
class MaildirDovecotTests {

    private static final List<String> FOLDERS = List.of("INBOX", "Sent", "Archive.2024", "Å résumé&x");

    @TempDir
    Path dir;

    private final QueuedBlocking blocking = new QueuedBlocking();

    private final Clock clock = new Clock();

    @Test
    void dovecotServesWhatOurStoreWroteAndWeReadWhatDovecotChanged() throws Exception {
        Dovecot.assumeInstalled();
        this.clock.advance(1_796_000_000);
        Path mail = this.dir.resolve("mail");
        MaildirStore store = new MaildirStore(mail, this.clock, this.blocking, "test.host");
        MailAccount account = done(store.openAccount("alice"));
        for (int i = 1; i <= 3; i++) {
            deliver(store, "m" + i);
        }
        done(account.create("Sent"));
        done(account.create("Archive.2024"));
        done(account.create("Å résumé&x"));
        for (String name : List.of("Sent", "Archive.2024", "Å résumé&x")) {
            done(account.subscribe(name));
        }
        FolderSession inbox = done(account.select("INBOX", false, new MaildirFolderStoreTests.Recorder()));
        done(inbox.store(List.of(1L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.SEEN, "$Forwarded"))));
        done(inbox.store(List.of(2L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.FLAGGED, "todo"))));
        done(inbox.store(List.of(3L), new FlagChange(FlagChange.Mode.ADD, Set.of(MessageInfo.DELETED))));
        done(inbox.expunge(null));
        done(inbox.copy(List.of(2L), "Archive.2024"));
        MessageAppender appender = done(account.append("Sent", Set.of(MessageInfo.SEEN, MessageInfo.ANSWERED),
                Instant.parse("2024-03-01T10:15:30Z")));
        appender.write("Subject: sent\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
        done(appender.finish());
        account.close();
        Map<String, FolderStatus> ours = new TreeMap<>();
        Map<String, List<MessageInfo>> ourMessages = new TreeMap<>();
        MailAccount reader = done(store.openAccount("alice"));
        for (String name : FOLDERS) {
            ours.put(name, done(reader.status(name)));
            FolderSession session = done(reader.select(name, true, new MaildirFolderStoreTests.Recorder()));
            ourMessages.put(name, session.messages());
            session.close();
        }
        giveToNobody(mail);

        try (Dovecot dovecot = Dovecot.start(this.dir, Map.of("alice", "secret"));
                Imap imap = new Imap(dovecot.imapPort())) {
            imap.command("LOGIN alice secret");
            Map<String, Set<String>> listed = new TreeMap<>();
            for (String line : imap.command("LIST \"\" \"*\"")) {
                Matcher list = Pattern.compile("\\* LIST \\(([^)]*)\\) \"\\.\" \"?([^\"]*)\"?").matcher(line);
                assertThat(list.matches()).as(line).isTrue();
                Set<String> attributes = new HashSet<>(List.of(list.group(1).split(" ")));
                attributes.retainAll(Set.of("\\Noselect", "\\HasChildren", "\\HasNoChildren"));
                listed.put(ModifiedUtf7.decode(list.group(2)), attributes);
            }
            assertThat(listed).isEqualTo(Map.of("INBOX", Set.of("\\HasNoChildren"), "Sent", Set.of("\\HasNoChildren"),
                    "Archive", Set.of("\\Noselect", "\\HasChildren"), "Archive.2024", Set.of("\\HasNoChildren"),
                    "Å résumé&x", Set.of("\\HasNoChildren")));
            assertThat(imap.command("LSUB \"\" \"*\"")).containsExactlyInAnyOrder("* LSUB () \".\" Sent",
                    "* LSUB () \".\" Archive.2024", "* LSUB () \".\" \"&AMU- r&AOk-sum&AOk-&-x\"");
            for (String name : FOLDERS) {
                String quoted = "\"" + ModifiedUtf7.encode(name) + "\"";
                FolderStatus status = ours.get(name);
                assertThat(imap.command("STATUS " + quoted + " (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)"))
                        .as(name).singleElement().asString().endsWith("(MESSAGES " + status.messages() + " UIDNEXT "
                                + status.uidNext() + " UIDVALIDITY " + status.uidValidity() + " UNSEEN "
                                + status.unseen() + ")");
                imap.command("EXAMINE " + quoted);
                List<String> expected = new ArrayList<>();
                for (MessageInfo message : ourMessages.get(name)) {
                    expected.add(fetchLine(message));
                }
                List<String> fetched = new ArrayList<>();
                if (status.messages() > 0) {
                    for (String line : imap.command("UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE)")) {
                        fetched.add(normalise(line));
                    }
                }
                assertThat(fetched).as(name).isEqualTo(expected);
            }
            assertThat(ourMessages.get("Sent")).singleElement().satisfies(m -> assertThat(m.internalDate())
                    .isEqualTo(Instant.parse("2024-03-01T10:15:30Z")));

            // Dovecot changes things; a new store on the same root reads them
            imap.command("SELECT INBOX");
            imap.command("UID STORE 1 +FLAGS (\\Answered newkw)");
            imap.append("Sent", "(\\Seen $Label1)", "Subject: from dovecot\r\n\r\nx\r\n");
            imap.command("LOGOUT");
        }

        MaildirStore restarted = new MaildirStore(mail, this.clock, this.blocking, "test.host");
        MailAccount again = done(restarted.openAccount("alice"));
        FolderSession inboxAgain = done(again.select("INBOX", true, new MaildirFolderStoreTests.Recorder()));
        assertThat(inboxAgain.uidValidity()).isEqualTo(ours.get("INBOX").uidValidity());
        assertThat(inboxAgain.messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L);
        assertThat(inboxAgain.messages().get(0).flags()).containsExactlyInAnyOrder(MessageInfo.SEEN,
                MessageInfo.ANSWERED, "$Forwarded", "newkw");
        FolderSession sent = done(again.select("Sent", true, new MaildirFolderStoreTests.Recorder()));
        assertThat(sent.uidValidity()).isEqualTo(ours.get("Sent").uidValidity());
        assertThat(sent.messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L);
        assertThat(sent.messages().get(1).flags()).containsExactlyInAnyOrder(MessageInfo.SEEN, "$Label1");
    }

    private void deliver(MaildirStore store, String subject) {
        MessageWriter writer = store.newMessage("alice");
        writer.lineReceived(("Subject: " + subject).getBytes(StandardCharsets.US_ASCII));
        writer.lineReceived(new byte[0]);
        writer.lineReceived("body".getBytes(StandardCharsets.US_ASCII));
        this.clock.advance(1);
        done(writer.eomReceived());
    }

    private <T> T done(Deferred<T> deferred) {
        this.blocking.runAll();
        return successResultOf(deferred);
    }

    /** Our message as Dovecot's FETCH line, flags sorted, without {@code \Recent}. */
    private static String fetchLine(MessageInfo message) {
        String date = java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", java.util.Locale.ROOT)
                .format(message.internalDate().atZone(java.time.ZoneOffset.UTC));
        List<String> flags = message.flags().stream().filter(f -> !f.equals(MessageInfo.RECENT)).sorted().toList();
        return "UID " + message.uid() + " FLAGS (" + String.join(" ", flags) + ") INTERNALDATE \"" + date
                + "\" RFC822.SIZE " + message.size();
    }

    /** A FETCH response line without its sequence number, flags sorted, without {@code \Recent}. */
    private static String normalise(String line) {
        Matcher fetch = Pattern.compile("\\* \\d+ FETCH \\(UID (\\d+) FLAGS \\(([^)]*)\\) INTERNALDATE \"([^\"]+)\""
                + " RFC822.SIZE (\\d+)\\)").matcher(line);
        assertThat(fetch.matches()).as(line).isTrue();
        List<String> flags = Stream.of(fetch.group(2).split(" ")).filter(f -> !f.isEmpty() && !f.equals("\\Recent"))
                .sorted().toList();
        String date = fetch.group(3).startsWith(" ") ? "0" + fetch.group(3).substring(1) : fetch.group(3);
        return "UID " + fetch.group(1) + " FLAGS (" + String.join(" ", flags) + ") INTERNALDATE \"" + date
                + "\" RFC822.SIZE " + fetch.group(4);
    }

    /** Dovecot serves the mail as {@link Dovecot#MAIL_USER}: our store wrote it as the test's user. */
    private static void giveToNobody(Path mail) throws IOException {
        UserPrincipalLookupService lookup = mail.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> all = Files.walk(mail)) {
            for (Path path : all.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(lookup.lookupPrincipalByName(Dovecot.MAIL_USER));
                view.setGroup(lookup.lookupPrincipalByGroupName(Dovecot.MAIL_GROUP));
            }
        }
    }

    /** The least IMAP client that drives Dovecot here: tagged commands, untagged lines collected, no literals in. */
    private static final class Imap implements AutoCloseable {

        private final Socket socket;

        private final BufferedReader in;

        private final OutputStream out;

        private int tag;

        Imap(int port) throws IOException {
            this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
            this.socket.setSoTimeout(10_000);
            this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = this.socket.getOutputStream();
            assertThat(this.in.readLine()).startsWith("* OK");
        }

        /** Sends a command; the untagged lines of its answer (OK required). */
        List<String> command(String command) throws IOException {
            String t = "t" + (++this.tag);
            send(t + " " + command + "\r\n");
            return answer(t, command);
        }

        void append(String folder, String flags, String message) throws IOException {
            String t = "t" + (++this.tag);
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            send(t + " APPEND " + folder + " " + flags + " {" + bytes.length + "}\r\n");
            assertThat(this.in.readLine()).startsWith("+");
            this.out.write(bytes);
            send("\r\n");
            answer(t, "APPEND");
        }

        private void send(String text) throws IOException {
            this.out.write(text.getBytes(StandardCharsets.US_ASCII));
            this.out.flush();
        }

        private List<String> answer(String t, String command) throws IOException {
            List<String> untagged = new ArrayList<>();
            for (String line = this.in.readLine(); line != null; line = this.in.readLine()) {
                if (line.startsWith(t + " ")) {
                    assertThat(line).as(command).startsWith(t + " OK");
                    return untagged;
                }
                if (line.startsWith("* ") && !line.startsWith("* OK") && !line.startsWith("* CAPABILITY")
                        && !line.startsWith("* FLAGS") && !line.matches("\\* \\d+ (EXISTS|RECENT)")) {
                    untagged.add(line);
                }
            }
            throw new IOException("connection closed during " + command);
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }
}
