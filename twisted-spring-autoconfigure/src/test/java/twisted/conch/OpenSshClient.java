package twisted.conch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import twisted.testing.PeerProcess;

/**
 * Test helper: Debian's OpenSSH client ({@code /usr/bin/ssh}), a real SSH client nobody here wrote,
 * run against a server under test.
 *
 * <pre>
 * OpenSshClient.assumeInstalled();
 * OpenSshClient ssh = OpenSshClient.to("127.0.0.1", port, "alice", knownHostsLine, tempDir).withKey(key);
 * OpenSshClient.Result result = ssh.exec("echo hello; exit 3", new byte[0], Duration.ofSeconds(30));
 * try (OpenSshClient.Terminal terminal = ssh.terminal("cat")) {
 *     terminal.write("hello\r");
 *     terminal.awaitOutput("hello", Duration.ofSeconds(10));
 * }
 * </pre>
 *
 * <p>It reads no configuration file ({@code -F none}) and no key or known host of the machine's:
 * the server's key is trusted only through the {@code known_hosts} line given, written to a file of
 * its own, with {@code StrictHostKeyChecking=yes} (an unknown or changed host key fails the login,
 * exit status 255). It logs in either with a private key file ({@code IdentitiesOnly}, public-key
 * authentication only) or with a password: {@code ssh} reads a password only from a terminal or
 * from an askpass program, so a tiny script in the directory prints it from an environment
 * variable of the {@code ssh} process ({@code SSH_ASKPASS} with {@code SSH_ASKPASS_REQUIRE=force}).
 * The password never appears on a command line, in a file or in a message. {@code LogLevel=ERROR}
 * keeps {@code ssh}'s own diagnostics out of the command's standard error.
 *
 * <p>Two modes: {@link #exec} runs a command with given standard input and returns its output,
 * error output and exit status, separately; {@link #terminal} runs {@code ssh -tt} (a pseudo
 * terminal on the server) and lets the test type and wait, bounded, for what appears.
 */
public final class OpenSshClient {

    /** Where Debian installs it (package {@code openssh-client}). */
    public static final Path EXECUTABLE = Path.of("/usr/bin/ssh");

    /** The exit status {@code ssh} gives when it fails itself (refused login, changed host key...). */
    public static final int SSH_ERROR = 255;

    private static final String PASSWORD_VARIABLE = "TWISTED_SSH_TEST_SECRET";

    private static final AtomicInteger FILES = new AtomicInteger();

    private final String host;

    private final int port;

    private final String user;

    private final Path dir;

    private final Path knownHosts;

    private final Path key;

    private final String password;

    private final Map<String, String> options;

    private OpenSshClient(String host, int port, String user, Path dir, Path knownHosts, Path key, String password,
            Map<String, String> options) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.dir = dir;
        this.knownHosts = knownHosts;
        this.key = key;
        this.password = password;
        this.options = options;
    }

    /**
     * Skips the calling test when OpenSSH's client is missing, or fails it when
     * {@code TWISTED_REQUIRE_SSH_PEERS=1} (CI).
     */
    public static void assumeInstalled() {
        PeerProcess.assumePresent(Files.isExecutable(EXECUTABLE),
                "ssh is not installed at " + EXECUTABLE + " (Debian: openssh-client)", OpenSshd.REQUIRED);
    }

    /**
     * A client for one server, trusting one host key line.
     *
     * @param host the server's address
     * @param port its port
     * @param user who to log in as
     * @param knownHostsLines the {@code known_hosts} content to trust (such as
     *        {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}); written to a file in {@code dir}
     * @param dir a directory of the test's, for that file and the askpass script
     * @return the client, with no credential yet
     * @throws IOException if the file cannot be written
     */
    public static OpenSshClient to(String host, int port, String user, String knownHostsLines, Path dir)
            throws IOException {
        Path root = dir.toAbsolutePath();
        Path knownHosts = root.resolve("known_hosts-" + FILES.incrementAndGet());
        Files.writeString(knownHosts, knownHostsLines.endsWith("\n") ? knownHostsLines : knownHostsLines + "\n",
                StandardCharsets.US_ASCII);
        return new OpenSshClient(host, port, user, root, knownHosts, null, null, new LinkedHashMap<>());
    }

    /**
     * The same client logging in with a private key (and only with it).
     *
     * @param privateKey an unencrypted private key file, mode {@code 0600}
     * @return a new client
     */
    public OpenSshClient withKey(Path privateKey) {
        return new OpenSshClient(this.host, this.port, this.user, this.dir, this.knownHosts,
                privateKey.toAbsolutePath(), null, this.options);
    }

    /**
     * The same client logging in with a password (and only with it).
     *
     * @param password the password; handed to {@code ssh} through its askpass program's environment
     * @return a new client
     */
    public OpenSshClient withPassword(String password) {
        return new OpenSshClient(this.host, this.port, this.user, this.dir, this.knownHosts, null, password,
                this.options);
    }

    /**
     * The same client with one more {@code -o NAME=VALUE} option (for example
     * {@code Ciphers}), after the helper's own, which it overrides since {@code ssh} keeps the
     * first value it sees: options given here come first on the command line.
     *
     * @param name the option's name
     * @param value its value
     * @return a new client
     */
    public OpenSshClient withOption(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(this.options);
        more.put(name, value);
        return new OpenSshClient(this.host, this.port, this.user, this.dir, this.knownHosts, this.key,
                this.password, more);
    }

    /**
     * The {@code ssh} command line, without the remote command (no secret is on it).
     *
     * @param terminal whether to ask for a pseudo terminal ({@code -tt}) or none ({@code -T})
     * @return the command
     */
    List<String> commandLine(boolean terminal) {
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "-F", "none", terminal ? "-tt" : "-T"));
        this.options.forEach((name, value) -> option(command, name, value));
        option(command, "UserKnownHostsFile", this.knownHosts.toString());
        option(command, "GlobalKnownHostsFile", "/dev/null");
        option(command, "StrictHostKeyChecking", "yes");
        option(command, "UpdateHostKeys", "no");
        option(command, "LogLevel", "ERROR");
        option(command, "ConnectTimeout", "15");
        option(command, "ServerAliveInterval", "15");
        option(command, "ControlMaster", "no");
        option(command, "ControlPath", "none");
        option(command, "ForwardAgent", "no");
        option(command, "ForwardX11", "no");
        option(command, "IdentityAgent", "none");
        if (this.password != null) {
            // BatchMode=yes would turn every password prompt off, askpass included
            option(command, "BatchMode", "no");
            option(command, "PreferredAuthentications", "password");
            option(command, "PubkeyAuthentication", "no");
            option(command, "NumberOfPasswordPrompts", "1");
        }
        else {
            option(command, "BatchMode", "yes");
            option(command, "PreferredAuthentications", "publickey");
            option(command, "PasswordAuthentication", "no");
            option(command, "KbdInteractiveAuthentication", "no");
            option(command, "IdentitiesOnly", "yes");
            option(command, "IdentityFile", (this.key != null) ? this.key.toString() : "none");
        }
        command.addAll(List.of("-p", Integer.toString(this.port), "-l", this.user, this.host, "--"));
        return command;
    }

    private static void option(List<String> command, String name, String value) {
        command.add("-o");
        command.add(name + "=" + value);
    }

    private Process start(boolean terminal, String remoteCommand) throws IOException {
        List<String> command = commandLine(terminal);
        command.add(remoteCommand);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.remove("SSH_AUTH_SOCK");
        environment.remove(PASSWORD_VARIABLE);
        environment.put("DISPLAY", "none");
        if (this.password != null) {
            environment.put("SSH_ASKPASS", askpass().toString());
            environment.put("SSH_ASKPASS_REQUIRE", "force");
            environment.put(PASSWORD_VARIABLE, this.password);
        }
        else {
            environment.remove("SSH_ASKPASS");
            environment.put("SSH_ASKPASS_REQUIRE", "never");
        }
        return builder.start();
    }

    /** The askpass program: prints the password from its environment, never holds it itself. */
    private Path askpass() throws IOException {
        Path script = this.dir.resolve("askpass.sh");
        if (!Files.exists(script)) {
            Path temporary = this.dir.resolve("askpass.sh." + FILES.incrementAndGet());
            Files.writeString(temporary, "#!/bin/sh\nprintf '%s\\n' \"$" + PASSWORD_VARIABLE + "\"\n",
                    StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwx------"));
            Files.move(temporary, script, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return script;
    }

    // ------------------------------------------------------------------ exec

    /**
     * What a command run with {@link #exec} gave.
     *
     * @param exitStatus the remote command's exit status, or {@link #SSH_ERROR} when {@code ssh} failed
     *        (then {@code stderr} says why)
     * @param stdout its standard output
     * @param stderr its standard error, with {@code ssh}'s own errors
     */
    public record Result(int exitStatus, byte[] stdout, byte[] stderr) {

        /**
         * The standard output as UTF-8 text.
         *
         * @return the text
         */
        public String out() {
            return new String(this.stdout, StandardCharsets.UTF_8);
        }

        /**
         * The standard error as UTF-8 text.
         *
         * @return the text
         */
        public String err() {
            return new String(this.stderr, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit status " + this.exitStatus + ", stdout " + this.stdout.length + " bytes, stderr: " + err();
        }
    }

    /**
     * Runs a command without a terminal ({@code ssh -T}), feeding it these bytes on its standard
     * input (then end of file), and waits for it to end.
     *
     * @param command the remote command
     * @param stdin its standard input
     * @param timeout how long it may take in all
     * @return its output, error output and exit status
     * @throws IOException if {@code ssh} cannot run or does not end in time (it is killed then)
     */
    public Result exec(String command, byte[] stdin, Duration timeout) throws IOException {
        Process process = start(false, command);
        CompletableFuture<byte[]> out = drain(process.getInputStream(), "ssh-stdout");
        CompletableFuture<byte[]> err = drain(process.getErrorStream(), "ssh-stderr");
        CompletableFuture<Void> in = feed(process.getOutputStream(), stdin);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("ssh did not end within " + timeout + ": " + command);
            }
            byte[] stdout = out.get(5, TimeUnit.SECONDS);
            byte[] stderr = err.get(5, TimeUnit.SECONDS);
            in.cancel(false);
            return new Result(process.exitValue(), stdout, stderr);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running ssh", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IOException("ssh's output could not be read", ex);
        }
        finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream, String name) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(stream.readAllBytes());
            }
            catch (IOException ex) {
                result.completeExceptionally(ex);
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static CompletableFuture<Void> feed(OutputStream stream, byte[] bytes) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try (stream) {
                stream.write(bytes);
                result.complete(null);
            }
            catch (IOException ex) { // the command ended without reading all of it
                result.completeExceptionally(ex);
            }
        }, "ssh-stdin");
        writer.setDaemon(true);
        writer.start();
        return result;
    }

    // ------------------------------------------------------------------ terminal

    /**
     * Runs a command in a pseudo terminal on the server ({@code ssh -tt}), to be driven like a
     * terminal.
     *
     * @param command the remote command, or {@code null} for the user's login shell
     * @return the session; close it when done
     * @throws IOException if {@code ssh} cannot run
     */
    public Terminal terminal(String command) throws IOException {
        return new Terminal(start(true, (command != null) ? command : ""));
    }

    /**
     * An {@code ssh -tt} session: what the test types goes to the remote terminal, and what the
     * terminal shows (the remote side's echo included) is collected; standard error apart.
     */
    public static final class Terminal implements AutoCloseable {

        private final Process process;

        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

        private boolean ended;

        private Terminal(Process process) {
            this.process = process;
            collect(process.getInputStream(), this.screen, "ssh-terminal", true);
            collect(process.getErrorStream(), this.errors, "ssh-terminal-stderr", false);
        }

        private void collect(InputStream stream, ByteArrayOutputStream into, String name, boolean marksEnd) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    int n;
                    while ((n = stream.read(buffer)) >= 0) {
                        synchronized (this) {
                            into.write(buffer, 0, n);
                            notifyAll();
                        }
                    }
                }
                catch (IOException ex) {
                    // the process is gone
                }
                if (marksEnd) {
                    synchronized (this) {
                        this.ended = true;
                        notifyAll();
                    }
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Types text (UTF-8) at the terminal: carriage return is Enter, the byte 4 is Ctrl-D and 3
         * is Ctrl-C.
         *
         * @param keys what to type
         * @throws IOException if {@code ssh} is gone
         */
        public void write(String keys) throws IOException {
            write(keys.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Types bytes at the terminal.
         *
         * @param keys what to type
         * @throws IOException if {@code ssh} is gone
         */
        public void write(byte[] keys) throws IOException {
            OutputStream in = this.process.getOutputStream();
            in.write(keys);
            in.flush();
        }

        /**
         * Waits until the terminal has shown this text (counting from the session's start).
         *
         * @param expected the text
         * @param timeout how long to wait at most
         * @return everything shown so far
         * @throws AssertionError when it has not appeared in time or the session ended first (what
         *         was shown is in the message)
         * @throws InterruptedException if interrupted while waiting
         */
        public synchronized String awaitOutput(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String shown = this.screen.toString(StandardCharsets.UTF_8);
                if (shown.contains(expected)) {
                    return shown;
                }
                long left = deadline - System.nanoTime();
                if (this.ended || left <= 0) {
                    throw new AssertionError("the terminal did not show " + printable(expected)
                            + (this.ended ? " before ssh ended" : " within " + timeout) + "; it showed "
                            + printable(shown) + "; ssh's errors: " + this.errors.toString(StandardCharsets.UTF_8));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /**
         * What the terminal has shown so far.
         *
         * @return the text (UTF-8)
         */
        public synchronized String output() {
            return this.screen.toString(StandardCharsets.UTF_8);
        }

        /**
         * What {@code ssh} wrote to its standard error so far.
         *
         * @return the text (UTF-8)
         */
        public synchronized String errors() {
            return this.errors.toString(StandardCharsets.UTF_8);
        }

        /**
         * Waits for the session to end.
         *
         * @param timeout how long to wait at most
         * @return the remote command's exit status (or {@link #SSH_ERROR})
         * @throws IOException if it does not end in time
         * @throws InterruptedException if interrupted while waiting
         */
        public int awaitExit(Duration timeout) throws IOException, InterruptedException {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("ssh did not end within " + timeout + "; the terminal showed "
                        + printable(output()));
            }
            return this.process.exitValue();
        }

        /** Ends the session: standard input closed, then {@code ssh} killed if still running. */
        @Override
        public void close() {
            try {
                this.process.getOutputStream().close();
            }
            catch (IOException ex) {
                // already gone
            }
            this.process.destroy();
            try {
                if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                this.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static String printable(String text) {
            return "\"" + text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0004", "^D")
                    .replace("\u0003", "^C").replace("\u001b", "\\e") + "\"";
        }
    }
}
