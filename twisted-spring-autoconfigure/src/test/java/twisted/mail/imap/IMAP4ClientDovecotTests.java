package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.internet.TlsOptions;
import twisted.mail.Dovecot;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link IMAP4Client} against Dovecot ({@link Dovecot}, on 127.0.0.1): STARTTLS trusting the
 * test CA, LOGIN, LIST, STATUS, SELECT, SEARCH, FETCH (ENVELOPE, FLAGS, BODY.PEEK[] byte-exact),
 * STORE, CREATE + COPY, MOVE, APPEND with APPENDUID, EXPUNGE, IDLE woken by a delivery, LOGOUT.
 */
class IMAP4ClientDovecotTests {

    private static final String FIRST = "From: Bob <bob@example.com>\r\nTo: alice@example.com\r\nSubject: one\r\n"
            + "Message-ID: <one@example.com>\r\n\r\nHello {5}\r\n)(\r\n";

    private static final String SECOND = "Subject: two\r\n\r\nline 1\r\n";

    @TempDir
    static Path dir;

    private static Dovecot dovecot;

    private static RunningReactor running;

    @BeforeAll
    static void start() throws Exception {
        Dovecot.assumeInstalled();
        dovecot = Dovecot.start(dir, Map.of("alice", "pw-alice"));
        running = RunningReactor.start();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWholeSessionOverStartTls() throws Exception {
        dovecot.deliver("alice", FIRST.getBytes(StandardCharsets.UTF_8));
        dovecot.deliver("alice", SECOND.getBytes(StandardCharsets.UTF_8));
        IMAP4Client imap = running.call(() -> IMAP4Client.connect(running.reactor(), "tcp:127.0.0.1:" + dovecot.imapPort()));
        Set<String> caps = running.call(() -> imap.startTLS(TlsOptions.client(dovecot.trustContext(), "localhost")));
        assertThat(caps).contains("IMAP4REV1").doesNotContain("STARTTLS");
        running.call(() -> imap.login("alice", "pw-alice".toCharArray()));
        running.call(() -> imap.create("Archive"));
        List<ListEntry> list = running.call(() -> imap.list("", "*"));
        assertThat(list).extracting(ListEntry::name).contains("INBOX", "Archive");
        Map<String, Long> status = running.call(() -> imap.status("INBOX", "MESSAGES", "UNSEEN"));
        assertThat(status).containsEntry("MESSAGES", 2L).containsEntry("UNSEEN", 2L);
        SelectedMailbox inbox = running.call(() -> imap.select("INBOX"));
        assertThat(inbox.exists()).isEqualTo(2);
        assertThat(inbox.readOnly()).isFalse();
        assertThat(inbox.uidValidity()).isPositive();
        assertThat((List<Long>) running.call(() -> imap.search("SUBJECT \"one\""))).containsExactly(1L);
        SortedMap<Long, Map<String, Object>> fetched = running.call(() -> imap.fetch("1:2", "(FLAGS ENVELOPE UID BODY.PEEK[])"));
        assertThat((byte[]) fetched.get(1L).get("BODY[]")).isEqualTo(FIRST.getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) fetched.get(2L).get("BODY[]")).isEqualTo(SECOND.getBytes(StandardCharsets.UTF_8));
        Envelope envelope = (Envelope) fetched.get(1L).get("ENVELOPE");
        assertThat(envelope.subject()).isEqualTo("one");
        assertThat(envelope.from()).containsExactly(new Address("Bob", "bob", "example.com"));
        assertThat(envelope.messageId()).isEqualTo("<one@example.com>");
        assertThat((Set<String>) fetched.get(1L).get("FLAGS")).doesNotContain("\\Seen");
        running.call(() -> imap.store("1", "+FLAGS", "\\Seen"));
        assertThat((List<Long>) running.call(() -> imap.search("SEEN"))).containsExactly(1L);
        running.call(() -> imap.copy("1", "Archive"));
        assertThat((List<Long>) running.call(() -> imap.move("2", "Archive"))).containsExactly(2L);
        AppendUid appended = running.call(() -> imap.append("Archive", SECOND.getBytes(StandardCharsets.UTF_8),
                List.of("\\Flagged"), null));
        assertThat(appended).isNotNull();
        assertThat((Map<String, Long>) running.call(() -> imap.status("Archive", "MESSAGES")))
                .containsEntry("MESSAGES", 3L);
        running.call(() -> imap.store("1", "+FLAGS", "\\Deleted"));
        assertThat((List<Long>) running.call(imap::expunge)).containsExactly(1L);

        List<Long> exists = new CopyOnWriteArrayList<>();
        IMAP4Client.Idle idle = running.call(() -> imap.idle(new UntaggedListener() {
            @Override
            public void exists(long count) {
                exists.add(count);
            }
        }));
        dovecot.deliver("alice", SECOND.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> !exists.isEmpty());
        assertThat(exists).contains(1L);
        running.call(idle::done);
        running.call(imap::logout);
    }
}
