package twisted.conch.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.conch.OpenSshd;
import twisted.testing.PeerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code ssh-audit} (2.5.0), a standard SSH audit tool nobody here wrote, against the
 * server: it reports no failure at all (no {@code [fail]} note on any key exchange, host key,
 * cipher or MAC algorithm, no failed security check or recommendation; nothing at all when only
 * failures are asked for), and its exit status is not its failure status. Skipped without {@code ssh-audit}; failing instead with
 * {@code TWISTED_REQUIRE_SSH_PEERS=1}.
 */
class SSHAuditTests {

    /** Where Debian installs it (package {@code ssh-audit}). */
    static final Path EXECUTABLE = Path.of("/usr/bin/ssh-audit");

    /** {@code ssh-audit}'s exit status when it found a failure ({@code exitcodes.FAILURE}). */
    static final int FAILURE = 3;

    /** Its exit status when it could not connect ({@code exitcodes.CONNECTION_ERROR}). */
    static final int CONNECTION_ERROR = 1;

    @TempDir
    Path dir;

    @Test
    void sshAuditReportsNoFailure() throws Exception {
        PeerProcess.assumePresent(Files.isExecutable(EXECUTABLE),
                "ssh-audit is not installed at " + EXECUTABLE + " (Debian: ssh-audit)", OpenSshd.REQUIRED);
        try (TestSSHServer server = new TestSSHServer(this.dir, null)) {
            Audit audit = audit(server.port, "info");
            Audit failures = audit(server.port, "fail");
            System.out.println("ssh-audit's report on the SSH server:\n" + audit.text());

            assertThat(audit.lines()).as("ssh-audit's report:%n%s", audit.text())
                    .anyMatch(line -> line.startsWith("(kex) "))
                    .anyMatch(line -> line.startsWith("(key) ssh-ed25519"))
                    .anyMatch(line -> line.startsWith("(enc) "))
                    .anyMatch(line -> line.startsWith("(mac) "))
                    .noneMatch(line -> line.contains("[fail]"))
                    .noneMatch(line -> line.startsWith("(rec) !"));
            assertThat(audit.exitStatus()).as("ssh-audit's report:%n%s", audit.text()).isNotEqualTo(FAILURE)
                    .isNotEqualTo(CONNECTION_ERROR);
            assertThat(failures.lines()).as("ssh-audit's failures:%n%s", failures.text())
                    .noneMatch(line -> line.startsWith("("));
            assertThat(failures.exitStatus()).isNotEqualTo(FAILURE).isNotEqualTo(CONNECTION_ERROR);
        }
    }

    /** Runs it in batch mode without colours, reporting from {@code level} up. */
    private Audit audit(int port, String level) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-b", "-n", "-2", "-4", "-l", level, "-t", "20", "-p",
                Integer.toString(port), "127.0.0.1").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("ssh-audit did not end within 60 s: " + text);
        }
        return new Audit(process.exitValue(), text, text.lines().map(String::strip).toList());
    }

    private record Audit(int exitStatus, String text, List<String> lines) {
    }
}
