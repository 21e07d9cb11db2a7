package twisted.conch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link OpenSshd} fixture and the {@link OpenSshClient} helper, proved with each other:
 * Debian's {@code ssh} logs in to Debian's {@code sshd} with a key made by {@code ssh-keygen},
 * trusting only the fixture's {@code known_hosts} line, and runs a command (output, error output
 * and exit status apart, standard input fed) and a terminal session. A wrong key and a changed
 * host key are refused, so these tests would catch a fixture that trusted anything.
 */
class OpenSshdTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static OpenSshd sshd;

    private static Path clientKey;

    @BeforeAll
    static void start() throws Exception {
        OpenSshd.assumeInstalled();
        OpenSshClient.assumeInstalled();
        sshd = OpenSshd.start(java.nio.file.Files.createDirectories(dir.resolve("sshd")));
        clientKey = dir.resolve("id_ed25519");
        sshd.authorize(SshKeygen.generate(clientKey, "ed25519"));
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static OpenSshClient client() throws Exception {
        return OpenSshClient.to(OpenSshd.HOST, sshd.port(), OpenSshd.user(), sshd.knownHostsLine(), dir)
                .withKey(clientKey);
    }

    @Test
    void execGivesOutputErrorOutputAndExitStatusApart() throws Exception {
        OpenSshClient.Result result = client().exec("echo hello; echo oops >&2; exit 3", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).as("%s; sshd: %s", result, sshd.log()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("hello\n");
        assertThat(result.err()).isEqualTo("oops\n");
        assertThat(sshd.log()).anyMatch(line -> line.startsWith("Accepted publickey for " + OpenSshd.user()));
    }

    @Test
    void execFeedsStandardInputToTheCommand() throws Exception {
        byte[] input = "hello\nworld\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

        OpenSshClient.Result result = client().exec("tr a-z A-Z; echo done >&2", input, TIMEOUT);

        assertThat(result.exitStatus()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("HELLO\nWORLD\n".repeat(10_000));
        assertThat(result.err()).isEqualTo("done\n");
    }

    @Test
    void aTerminalSessionEchoesWhatIsTypedAndEndsWithCtrlD() throws Exception {
        try (OpenSshClient.Terminal terminal = client().terminal("cat")) {
            terminal.write("hello\r");
            // the terminal's echo of the line, then cat's copy of it
            terminal.awaitOutput("hello\r\nhello\r\n", TIMEOUT);
            terminal.write("world\r");
            terminal.awaitOutput("world\r\nworld\r\n", TIMEOUT);
            terminal.write(new byte[] { 4 });

            assertThat(terminal.awaitExit(TIMEOUT)).as(terminal.errors()).isZero();
        }
    }

    @Test
    void aKeyNotAuthorizedIsRefused() throws Exception {
        Path stranger = dir.resolve("id_stranger");
        SshKeygen.generate(stranger, "ed25519");

        OpenSshClient.Result result = client().withKey(stranger).exec("echo hello", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Permission denied (publickey)");
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        String other = SshKeygen.generate(dir.resolve("other_host_key"), "ed25519");
        String changed = "[" + OpenSshd.HOST + "]:" + sshd.port() + " " + other.substring(0, other.lastIndexOf(' '));

        OpenSshClient.Result result = OpenSshClient.to(OpenSshd.HOST, sshd.port(), OpenSshd.user(), changed, dir)
                .withKey(clientKey).exec("echo hello", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .contains("Host key verification failed");
    }

    @Test
    void theHostKeyIsWhatTheServerPresents() throws Exception {
        // ssh-keyscan asks the server itself for its Ed25519 key
        Process scan = new ProcessBuilder("/usr/bin/ssh-keyscan", "-t", "ed25519", "-p",
                Integer.toString(sshd.port()), OpenSshd.HOST).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String scanned = new String(scan.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(scan.waitFor()).isZero();

        assertThat(scanned).isEqualTo(sshd.knownHostsLine());
        assertThat(sshd.knownHostsLine()).startsWith("[127.0.0.1]:" + sshd.port() + " ssh-ed25519 AAAA");
        assertThat(sshd.knownHostsLines()).containsExactly(sshd.knownHostsLine(), sshd.knownHostsLine("ecdsa"));
    }

    @Test
    void minaDecodesTheEcdsaHostKey() throws Exception {
        PublicKey key = sshd.hostKey("ecdsa");

        assertThat(KeyUtils.getKeyType(key)).isEqualTo("ecdsa-sha2-nistp256");
        assertThat(PublicKeyEntry.toString(key)).isEqualTo(sshd.hostKeyLines().get("ecdsa"));
    }

    @Test
    void minaDecodesTheEd25519HostKey() throws Exception {
        PublicKey key = sshd.hostKey("ed25519");

        assertThat(KeyUtils.getKeyType(key)).isEqualTo("ssh-ed25519");
        assertThat(PublicKeyEntry.toString(key)).isEqualTo(sshd.hostKeyLine());
    }
}
