package twisted.conch.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.conch.OpenSshd;
import twisted.conch.SshKeygen;
import twisted.conch.endpoints.SSHCommandClientEndpoint;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.Protocol;
import twisted.internet.endpoints.Endpoints;
import twisted.internet.error.ProcessDoneException;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SSHClient} and {@link SSHCommandClientEndpoint} against a real OpenSSH {@code sshd}
 * (Debian's, started on loopback by {@link OpenSshd}), logging in with an Ed25519 key made by
 * {@code ssh-keygen} and read by MINA's parser: commands with their output, error output, exit
 * status and input; host keys checked against {@code known_hosts} (changed and unknown keys
 * refused, accept-new writing what {@code ssh-keygen -F} finds); a protocol connected to
 * {@code cat}, 1 MiB through and back.
 */
class SSHClientOpenSshTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static OpenSshd sshd;

    private static Path clientKey;

    private RunningReactor running;

    private final List<SSHClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSshd() throws Exception {
        OpenSshd.assumeInstalled();
        sshd = OpenSshd.start(Files.createDirectories(dir.resolve("sshd")));
        clientKey = dir.resolve("id_ed25519");
        sshd.authorize(SshKeygen.generate(clientKey, "ed25519"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void startReactor() {
        this.running = RunningReactor.start("ssh-client", TIMEOUT);
    }

    @AfterEach
    void stop() {
        this.clients.forEach(SSHClient::close);
        this.running.close();
    }

    private SSHClient client(KnownHosts knownHosts, HostKeyPolicy policy) throws Exception {
        SSHClient client = new SSHClient(this.running.reactor(), SSHClientOptions.builder(OpenSshd.user())
                .knownHosts(knownHosts).hostKeyPolicy(policy).identityFile(clientKey, null).build());
        this.clients.add(client);
        return client;
    }

    private SSHClient trustingClient() throws Exception {
        return client(KnownHosts.fromString(sshd.knownHostsLine() + "\n"), HostKeyPolicy.STRICT);
    }

    private CommandResult run(SSHClient client, String command, byte[] stdin) throws Exception {
        return this.running.call(() -> client.runCommand(OpenSshd.HOST, sshd.port(), command, stdin));
    }

    @Test
    void runCommandGivesOutputErrorOutputAndExitStatusOnTheReactorThread() throws Exception {
        SSHClient client = trustingClient();
        boolean[] onReactor = new boolean[1];

        CommandResult result = this.running.call(() -> client
                .runCommand(OpenSshd.HOST, sshd.port(), "echo hello; echo oops >&2; exit 3")
                .thenApply(r -> {
                    onReactor[0] = this.running.reactor().isReactorThread();
                    return r;
                }));

        assertThat(result.stdoutText()).as("sshd: %s", sshd.log()).isEqualTo("hello\n");
        assertThat(result.stderrText()).isEqualTo("oops\n");
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.exitSignal()).isNull();
        assertThat(onReactor[0]).isTrue();
        assertThat(sshd.log()).anyMatch(line -> line.startsWith("Accepted publickey for " + OpenSshd.user())
                && line.contains("ED25519"));
    }

    @Test
    void runCommandFeedsStandardInputThenEndOfFile() throws Exception {
        byte[] input = "hello\nworld\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);

        CommandResult result = run(trustingClient(), "tr a-z A-Z", input);

        assertThat(result.exitStatus()).isZero();
        assertThat(result.stdoutText()).isEqualTo("HELLO\nWORLD\n".repeat(20_000));
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void aCommandKilledByASignalGivesTheSignal() throws Exception {
        CommandResult result = run(trustingClient(), "kill -TERM $$", null);

        assertThat(result.exitSignal()).isEqualTo("TERM");
        assertThat(result.exitStatus()).isNull();
    }

    @Test
    void outputPastTheLimitCancelsTheCommand() throws Exception {
        SSHClient client = new SSHClient(this.running.reactor(), SSHClientOptions.builder(OpenSshd.user())
                .knownHosts(KnownHosts.fromString(sshd.knownHostsLine())).identityFile(clientKey, null)
                .maxOutputBytes(100_000).build());
        this.clients.add(client);

        assertThatExceptionOfType(OutputLimitExceededException.class)
                .isThrownBy(() -> run(client, "head -c 10000000 /dev/zero", null))
                .withMessageContaining("100000 bytes");
    }

    @Test
    void aChangedHostKeyIsRefusedNamingHostAndFingerprints() throws Exception {
        String other = SshKeygen.generate(dir.resolve("other_host_key_" + System.nanoTime()), "ed25519");
        String otherKey = other.substring(0, other.lastIndexOf(' '));
        KnownHosts changed = KnownHosts.fromString("[" + OpenSshd.HOST + "]:" + sshd.port() + " " + otherKey + "\n");
        String expected = org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(sshd.hostKey("ed25519"));

        HostKeyChangedException refused = assertThatExceptionOfType(HostKeyChangedException.class)
                .isThrownBy(() -> run(client(changed, HostKeyPolicy.ACCEPT_NEW), "echo hello", null)).actual();

        assertThat(refused.getHost()).isEqualTo(OpenSshd.HOST);
        assertThat(refused.getPort()).isEqualTo(sshd.port());
        assertThat(refused.getFingerprint()).isEqualTo(expected);
        assertThat(refused.getKnownFingerprints()).hasSize(1).doesNotContain(expected);
        assertThat(refused.getMessage()).contains("[127.0.0.1]:" + sshd.port(), expected,
                refused.getKnownFingerprints().get(0));
        assertThat(changed.size()).as("a changed key is never added").isEqualTo(1);
    }

    @Test
    void anUnknownHostIsRefusedWhenStrict() throws Exception {
        KnownHosts empty = KnownHosts.fromString("");

        UnknownHostKeyException refused = assertThatExceptionOfType(UnknownHostKeyException.class)
                .isThrownBy(() -> run(client(empty, HostKeyPolicy.STRICT), "echo hello", null)).actual();

        assertThat(refused.getMessage()).contains("[127.0.0.1]:" + sshd.port(), "SHA256:");
        assertThat(empty.size()).isZero();
    }

    @Test
    void acceptNewAddsAndSavesAnUnknownHostWhichOpenSshFinds() throws Exception {
        Path file = dir.resolve("known_hosts_" + System.nanoTime());

        CommandResult result = run(client(KnownHosts.fromPath(file), HostKeyPolicy.ACCEPT_NEW), "echo first", null);

        assertThat(result.stdoutText()).isEqualTo("first\n");
        assertThat(Files.readString(file)).contains(sshd.hostKeyLine());
        String found = SshKeygen.run("-F", "[" + OpenSshd.HOST + "]:" + sshd.port(), "-f", file.toString());
        assertThat(found).contains(sshd.hostKeyLine());
        // and the file now lets a strict client in
        CommandResult again = run(client(KnownHosts.fromPath(file), HostKeyPolicy.STRICT), "echo again", null);
        assertThat(again.stdoutText()).isEqualTo("again\n");
    }

    @Test
    void aProtocolConnectedToCatGetsOneMebibyteBackThenTheExitStatus() throws Exception {
        byte[] sent = new byte[1024 * 1024];
        new Random(15).nextBytes(sent);
        Cat cat = new Cat(sent, this.running);
        SSHCommandClientEndpoint endpoint = SSHCommandClientEndpoint.newConnection(trustingClient(), "cat",
                OpenSshd.HOST, sshd.port());

        Protocol connected = this.running.call(() -> Endpoints.connectProtocol(endpoint, cat));
        List<Failure> lost = this.running.call(() -> cat.lost);
        Failure reason = lost.get(0);

        assertThat(connected).isSameAs(cat);
        assertThat(cat.received.size()).isEqualTo(sent.length);
        assertThat(Arrays.equals(cat.received.toByteArray(), sent)).isTrue();
        assertThat(reason.value()).isInstanceOf(ProcessDoneException.class);
        assertThat(cat.exitStatus).isZero();
        assertThat(cat.offReactor).as("callbacks off the reactor thread").isEmpty();
    }

    @Test
    void cancellingBeforeTheConnectionIsMadeAbandonsIt() throws Exception {
        SSHClient client = trustingClient();
        @SuppressWarnings("unchecked")
        Deferred<Protocol>[] attempt = new Deferred[1];

        this.running.run(() -> {
            attempt[0] = client.connectCommand(OpenSshd.HOST, sshd.port(), "echo never",
                    twisted.internet.Factory.forProtocol(() -> new Protocol() {
                    }));
            attempt[0].cancel();
        });

        assertThatExceptionOfType(CancelledException.class).isThrownBy(() -> this.running.call(() -> attempt[0]));
    }

    /** Writes its bytes to {@code cat}, half-closes, and collects what comes back. */
    static final class Cat extends Protocol implements HalfCloseableProtocol {

        private final byte[] toSend;

        private final RunningReactor running;

        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        /** Fires with the reason (in a list, since a Deferred takes a bare Failure as an error). */
        final Deferred<List<Failure>> lost = new Deferred<>();

        final List<String> offReactor = new CopyOnWriteArrayList<>();

        Integer exitStatus;

        Cat(byte[] toSend, RunningReactor running) {
            this.toSend = toSend;
            this.running = running;
        }

        private void check(String callback) {
            if (!this.running.reactor().isReactorThread()) {
                this.offReactor.add(callback + " on " + Thread.currentThread().getName());
            }
        }

        @Override
        public void connectionMade() {
            check("connectionMade");
            for (int offset = 0; offset < this.toSend.length; offset += 16 * 1024) {
                this.transport.write(Arrays.copyOfRange(this.toSend, offset, offset + 16 * 1024));
            }
            ((SSHCommandTransport) this.transport).loseWriteConnection();
        }

        @Override
        public void dataReceived(byte[] data) {
            check("dataReceived");
            this.received.write(data, 0, data.length);
        }

        @Override
        public void readConnectionLost() {
            check("readConnectionLost");
        }

        @Override
        public void writeConnectionLost() {
        }

        @Override
        public void connectionLost(Failure reason) {
            check("connectionLost");
            this.exitStatus = ((SSHCommandTransport) this.transport).getExitStatus();
            this.lost.callback(List.of(reason));
        }
    }
}
