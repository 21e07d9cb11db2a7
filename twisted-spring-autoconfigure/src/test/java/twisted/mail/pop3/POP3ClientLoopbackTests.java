package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.internet.netty.TestCertificates;
import twisted.mail.MemoryMailStore;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link POP3Client} against our own {@link POP3} server on a real socket (127.0.0.1, port 0,
 * a {@link MemoryMailStore}): STLS with the certificate verified, login, listings, messages
 * byte-exact, deletions applied on QUIT and not when the connection is cut.
 */
class POP3ClientLoopbackTests {

    @TempDir
    Path dir;

    private RunningReactor running;

    private MemoryMailStore store;

    private TestCertificates certificates;

    private int port;

    @BeforeEach
    void start() throws Exception {
        this.certificates = TestCertificates.generate(this.dir);
        this.running = RunningReactor.start();
        this.store = new MemoryMailStore().add("alice", POP3Fixture.FIRST).add("alice", POP3Fixture.SECOND);
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret"));
        POP3Factory factory = new POP3Factory(this.store, portal, this.running.reactor())
                .tls(TlsOptions.server(this.certificates.serverContext()));
        this.port = this.running.listenTCP(factory);
    }

    @AfterEach
    void stop() {
        if (this.running != null) {
            this.running.close();
        }
    }

    private POP3Client connect(POP3ClientOptions options) throws Exception {
        return this.running.call(() -> POP3Client.connect(this.running.reactor(), "tcp:127.0.0.1:" + this.port, options));
    }

    private POP3Client loggedInOverTls() throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults());
        Map<String, ?> caps = this.running.call(
                () -> client.startTLS(TlsOptions.client(this.certificates.clientContext(), "localhost")));
        assertThat(caps).containsKeys("USER", "TOP", "UIDL", "PIPELINING").doesNotContainKey("STLS");
        String ok = this.running.call(() -> client.login("alice", "s3cret".toCharArray()));
        assertThat(ok).isEqualTo("alice's maildrop has 2 messages ("
                + (POP3Fixture.FIRST.length() + POP3Fixture.SECOND.length()) + " octets)");
        return client;
    }

    @Test
    void loginOverStlsListsAndRetrievesByteExact() throws Exception {
        POP3Client client = loggedInOverTls();
        assertThat((Object) this.running.call(client::stat))
                .isEqualTo(new POP3Client.Stat(2, POP3Fixture.FIRST.length() + POP3Fixture.SECOND.length()));
        assertThat((Object) this.running.call(client::listSize)).isEqualTo(
                Map.of(1, (long) POP3Fixture.FIRST.length(), 2, (long) POP3Fixture.SECOND.length()));
        assertThat((Object) this.running.call(client::listUID)).isEqualTo(Map.of(1, "uid-alice-1", 2, "uid-alice-2"));
        byte[] first = this.running.call(() -> client.retrieve(1));
        assertThat(first).isEqualTo(POP3Fixture.FIRST.getBytes(StandardCharsets.UTF_8));
        byte[] top = this.running.call(() -> client.top(2, 1));
        assertThat(new String(top, StandardCharsets.UTF_8)).isEqualTo("Subject: two\r\n\r\nline 1\r\n");
        this.running.call(client::quit);
        assertThat(this.store.uids("alice")).containsExactly("uid-alice-1", "uid-alice-2");
    }

    @Test
    void pipelinedCommandsGetTheirOwnReplies() throws Exception {
        POP3Client client = loggedInOverTls();
        Object[] results = this.running.call(() -> {
            Deferred<byte[]> one = client.retrieve(1);
            Deferred<byte[]> two = client.retrieve(2);
            Deferred<String> uid = client.listUID(2);
            return one.thenCompose(a -> two.thenCompose(b -> uid.thenApply(c -> new Object[] { a, b, c })));
        });
        assertThat(results[0]).isEqualTo(POP3Fixture.FIRST.getBytes(StandardCharsets.UTF_8));
        assertThat(results[1]).isEqualTo(POP3Fixture.SECOND.getBytes(StandardCharsets.UTF_8));
        assertThat(results[2]).isEqualTo("uid-alice-2");
    }

    @Test
    void deleteThenQuitDeletes() throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults().withAllowInsecureLogin(true));
        this.running.call(() -> client.login("alice", "s3cret".toCharArray()));
        this.running.call(() -> client.delete(1));
        this.running.call(client::quit);
        assertThat(this.store.uids("alice")).containsExactly("uid-alice-2");
    }

    @Test
    void deleteWithoutQuitDeletesNothing() throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults().withAllowInsecureLogin(true));
        this.running.call(() -> client.login("alice", "s3cret".toCharArray()));
        this.running.call(() -> client.delete(1));
        this.running.run(() -> client.getTransport().abortConnection());
        await().atMost(Duration.ofSeconds(10)).until(() -> !this.store.isLocked("alice"));
        assertThat(this.store.uids("alice")).containsExactly("uid-alice-1", "uid-alice-2");
        assertThat(this.store.syncs("alice")).isZero();
    }

    @Test
    void aWrongPasswordIsAServerErrorAndTheSessionGoesOn() throws Exception {
        POP3Client client = connect(POP3ClientOptions.defaults().withAllowInsecureLogin(true));
        org.assertj.core.api.Assertions.assertThatExceptionOfType(ServerErrorResponse.class)
                .isThrownBy(() -> this.running.call(() -> client.login("alice", "wrong".toCharArray())))
                .satisfies(error -> assertThat(error.getResponse()).startsWith("[AUTH]"));
        this.running.call(() -> client.login("alice", "s3cret".toCharArray()));
        assertThat((Object) this.running.call(client::stat)).isEqualTo(
                new POP3Client.Stat(2, POP3Fixture.FIRST.length() + POP3Fixture.SECOND.length()));
    }
}
