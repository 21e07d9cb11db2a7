package twisted.conch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import twisted.testing.PeerProcess;

/**
 * Test helper: makes SSH keys with Debian's {@code ssh-keygen} (OpenSSH), so that the keys the
 * tests use come from a tool nobody here wrote. Private keys are written without a passphrase,
 * mode {@code 0600}, in the test's directory; nothing about them is logged.
 */
public final class SshKeygen {

    /** Where Debian installs it (package {@code openssh-client}). */
    public static final Path EXECUTABLE = Path.of("/usr/bin/ssh-keygen");

    private SshKeygen() {
    }

    /**
     * Skips the calling test when {@code ssh-keygen} is missing, or fails it when
     * {@code TWISTED_REQUIRE_SSH_PEERS=1} (CI).
     */
    public static void assumeInstalled() {
        PeerProcess.assumePresent(Files.isExecutable(EXECUTABLE),
                "ssh-keygen is not installed at " + EXECUTABLE + " (Debian: openssh-client)",
                OpenSshd.REQUIRED);
    }

    /**
     * Makes a key pair: the private key in {@code privateKey} (OpenSSH format, no passphrase) and
     * the public key beside it, in {@code privateKey + ".pub"}.
     *
     * @param privateKey the private key's file (must not exist yet)
     * @param type the key type: {@code ed25519}, {@code ecdsa} (P-256) or {@code rsa} (3072 bits)
     * @return the public key's line ({@code ssh-ed25519 AAAA... comment})
     * @throws IOException if {@code ssh-keygen} fails
     */
    public static String generate(Path privateKey, String type) throws IOException {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "-q", "-t", type, "-N", "", "-C",
                "twisted-test-" + type, "-f", privateKey.toAbsolutePath().toString()));
        if ("ecdsa".equals(type)) {
            command.addAll(List.of("-b", "256"));
        }
        run(command);
        return Files.readString(publicKeyFile(privateKey), StandardCharsets.US_ASCII).strip();
    }

    /**
     * The public key file {@code ssh-keygen} writes beside a private key.
     *
     * @param privateKey the private key's file
     * @return {@code privateKey + ".pub"}
     */
    public static Path publicKeyFile(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    /**
     * Runs {@code ssh-keygen} with these arguments and returns what it printed.
     *
     * @param arguments its arguments (without the program)
     * @return its standard output and error
     * @throws IOException if it fails or takes more than 60 seconds
     */
    public static String run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE.toString());
        command.addAll(List.of(arguments));
        return run(command);
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("ssh-keygen failed: " + String.join(" ", command) + ": " + output);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running ssh-keygen", ex);
        }
        return output;
    }
}
