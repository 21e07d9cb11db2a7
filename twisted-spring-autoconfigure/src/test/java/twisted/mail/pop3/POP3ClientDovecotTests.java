package twisted.mail.pop3;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.internet.TlsOptions;
import twisted.mail.Dovecot;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link POP3Client} against Dovecot, a POP3 server nobody here wrote ({@link Dovecot}, started
 * on 127.0.0.1): STLS with its test CA trusted, and refused (no password sent) when not; USER/PASS
 * and APOP; STAT, LIST, UIDL, RETR byte-exact and TOP on messages dropped into the Maildir; DELE
 * with QUIT removes the file, DELE with the connection cut or RSET keeps it. Each test has its
 * own user, so they share one daemon.
 */
class POP3ClientDovecotTests {

    private static final String FIRST = "From: bob@example.com\r\nTo: alice@example.com\r\nSubject: one\r\n\r\n"
            + "Hello\r\n.hidden by stuffing\r\n..two dots\r\n.\r\nlast line\r\n";

    private static final String SECOND = "Subject: two\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";

    private static final List<String> USERS = List.of("stls", "untrusted", "plain", "apop", "listing", "quitter",
            "cutter", "resetter");

    @TempDir
    static Path dir;

    private static Dovecot dovecot;

    private static RunningReactor running;

    @BeforeAll
    static void start() throws Exception {
        Dovecot.assumeInstalled();
        Map<String, String> users = new java.util.LinkedHashMap<>();
        USERS.forEach(user -> users.put(user, "pw-" + user));
        dovecot = Dovecot.start(dir, users);
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

    private static void deliverBoth(String user) throws Exception {
        dovecot.deliver(user, FIRST.getBytes(StandardCharsets.UTF_8));
        dovecot.deliver(user, SECOND.getBytes(StandardCharsets.UTF_8));
    }

    private static POP3Client connect(POP3ClientOptions options) throws Exception {
        return running.call(() -> POP3Client.connect(running.reactor(), "tcp:127.0.0.1:" + dovecot.pop3Port(), options));
    }

    /** Connected, STLS done trusting the test CA, logged in with USER/PASS. */
    private static POP3Client loggedIn(String user) throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults().withUseApop(false));
        Map<String, List<String>> caps = running.call(
                () -> client.startTLS(TlsOptions.client(dovecot.trustContext(), "localhost")));
        assertThat(caps).containsKeys("USER", "TOP", "UIDL").doesNotContainKey("STLS");
        assertThat(client.getTransport()).extracting(t -> ((twisted.internet.TCPTransport) t).isSecure())
                .isEqualTo(true);
        assertThat((String) running.call(() -> client.login(user, ("pw-" + user).toCharArray()))).isNotEmpty();
        return client;
    }

    @Test
    void stlsWithTheTestCaTrustedThenUserPass() throws Exception {
        deliverBoth("stls");
        POP3Client client = loggedIn("stls");
        assertThat((Object) running.call(client::stat))
                .isEqualTo(new POP3Client.Stat(2, FIRST.length() + SECOND.length()));
        running.call(client::quit);
        await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.log().stream()
                .anyMatch(line -> line.contains("Login: user=<stls>, method=PLAIN") && line.contains("TLS")));
    }

    @Test
    void stlsWithAnUntrustedCertificateFailsAndNoPasswordIsSent() throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults().withUseApop(false));
        SSLContext jvmDefault = SSLContext.getDefault();
        Object[] outcome = running.call(() -> {
            var started = client.startTLS(TlsOptions.client(jvmDefault, "localhost"));
            var login = client.login("untrusted", "pw-untrusted".toCharArray());
            return started.recover(f -> null).thenCompose(caps -> login.thenApply(ok -> (Object) ok)
                    .recover(f -> f.value())).thenApply(result -> new Object[] { result });
        });
        assertThat(outcome[0]).as("the login's outcome").isInstanceOf(Throwable.class)
                .isNotInstanceOf(ServerErrorResponse.class).isNotInstanceOf(InsecureAuthenticationDisallowed.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.log().stream()
                .anyMatch(line -> line.contains("pop3-login") && line.contains("no auth attempts")));
        assertThat(dovecot.log()).noneMatch(line -> line.contains("user=<untrusted>"));
    }

    @Test
    void plainUserPassWhenAllowedOnPurpose() throws Exception {
        dovecot.deliver("plain", SECOND.getBytes(StandardCharsets.UTF_8));
        POP3Client client = connect(POP3ClientOptions.defaults().withUseApop(false).withAllowInsecureLogin(true));
        assertThat(client.getTransport()).extracting(t -> ((twisted.internet.TCPTransport) t).isSecure())
                .isEqualTo(false);
        running.call(() -> client.login("plain", "pw-plain".toCharArray()));
        assertThat((Object) running.call(client::stat)).isEqualTo(new POP3Client.Stat(1, SECOND.length()));
        assertThatExceptionOfType(ServerErrorResponse.class)
                .isThrownBy(() -> running.call(() -> client.retrieve(5)));
        assertThat((byte[]) running.call(() -> client.retrieve(1))).isEqualTo(SECOND.getBytes(StandardCharsets.UTF_8));
        running.call(client::quit);
    }

    @Test
    void apopWithDovecotsChallenge() throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults());
        assertThat(client.serverChallenge()).as("Dovecot offers APOP with plain-text passwords").isNotNull();
        assertThatExceptionOfType(ServerErrorResponse.class)
                .isThrownBy(() -> running.call(() -> client.login("apop", "wrong".toCharArray())));
        POP3Client again = connect(POP3ClientOptions.defaults());
        running.call(() -> again.login("apop", "pw-apop".toCharArray()));
        assertThat((Object) running.call(again::stat)).isEqualTo(new POP3Client.Stat(0, 0));
        running.call(again::quit);
        await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.log().stream()
                .anyMatch(line -> line.contains("Login: user=<apop>, method=APOP")));
    }

    @Test
    void statListUidlRetrieveAndTopByteExact() throws Exception {
        deliverBoth("listing");
        POP3Client client = loggedIn("listing");
        SortedMap<Integer, Long> sizes = running.call(client::listSize);
        assertThat(sizes).isEqualTo(Map.of(1, (long) FIRST.length(), 2, (long) SECOND.length()));
        assertThat((Long) running.call(() -> client.listSize(2))).isEqualTo(SECOND.length());
        SortedMap<Integer, String> uids = running.call(client::listUID);
        assertThat(uids).containsOnlyKeys(1, 2);
        assertThat(uids.get(1)).isNotEqualTo(uids.get(2));
        assertThat((String) running.call(() -> client.listUID(2))).isEqualTo(uids.get(2));
        assertThat((byte[]) running.call(() -> client.retrieve(1))).isEqualTo(FIRST.getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) running.call(() -> client.retrieve(2))).isEqualTo(SECOND.getBytes(StandardCharsets.UTF_8));
        assertThat(new String((byte[]) running.call(() -> client.top(1, 2)), StandardCharsets.UTF_8))
                .isEqualTo("From: bob@example.com\r\nTo: alice@example.com\r\nSubject: one\r\n\r\n"
                        + "Hello\r\n.hidden by stuffing\r\n");
        assertThat(new String((byte[]) running.call(() -> client.top(2, 0)), StandardCharsets.UTF_8))
                .isEqualTo("Subject: two\r\n\r\n");
        running.call(client::quit);
        assertThat(dovecot.messageFiles("listing")).hasSize(2);
    }

    @Test
    void deleteThenQuitRemovesTheFile() throws Exception {
        deliverBoth("quitter");
        POP3Client client = loggedIn("quitter");
        running.call(() -> client.delete(1));
        running.call(client::quit);
        await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.messageFiles("quitter").size() == 1);
        POP3Client again = loggedIn("quitter");
        assertThat((byte[]) running.call(() -> again.retrieve(1))).isEqualTo(SECOND.getBytes(StandardCharsets.UTF_8));
        running.call(again::quit);
    }

    @Test
    void deleteThenCutConnectionKeepsTheMessage() throws Exception {
        deliverBoth("cutter");
        POP3Client client = loggedIn("cutter");
        running.call(() -> client.delete(1));
        running.run(() -> client.getTransport().abortConnection());
        await().atMost(Duration.ofSeconds(10)).until(() -> dovecot.log().stream()
                .anyMatch(line -> line.contains("pop3(cutter)") && line.contains("Disconnected")));
        assertThat(dovecot.messageFiles("cutter")).hasSize(2);
        POP3Client again = loggedIn("cutter");
        assertThat((Object) running.call(again::stat)).isEqualTo(new POP3Client.Stat(2, FIRST.length() + SECOND.length()));
        running.call(again::quit);
    }

    @Test
    void resetUndeletes() throws Exception {
        deliverBoth("resetter");
        POP3Client client = loggedIn("resetter");
        running.call(() -> client.delete(1));
        assertThat((Object) running.call(client::stat)).isEqualTo(new POP3Client.Stat(1, SECOND.length()));
        running.call(client::reset);
        assertThat((Object) running.call(client::stat)).isEqualTo(new POP3Client.Stat(2, FIRST.length() + SECOND.length()));
        running.call(client::noop);
        running.call(client::quit);
        assertThat(dovecot.messageFiles("resetter")).hasSize(2);
    }

    /** The fixture's IMAP listener works too (the IMAP client's tests will use it). */
    @Test
    void imapListenerGreetsAndOffersStarttls() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dovecot.imapPort())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            assertThat(greeting).startsWith("* OK").contains("STARTTLS");
            socket.getOutputStream().write("a LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("* BYE");
        }
    }
}
