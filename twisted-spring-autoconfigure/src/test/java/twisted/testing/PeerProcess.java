package twisted.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program nobody here wrote, run by a test as its peer (an IRC daemon, Dovecot, an SMTP
 * server): started in the foreground, its output kept for assertion messages, stopped with its
 * children when the test is done. The fixtures of each peer ({@code Ngircd}, {@code Dovecot},
 * {@code OpenSmtpd}, {@code Aiosmtpd}) write its configuration and start it through this.
 */
public final class PeerProcess implements AutoCloseable {

    private final String name;

    private final Process process;

    private final List<String> log;

    private PeerProcess(String name, Process process, List<String> log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Skips the calling test when a peer is missing, or fails it when the environment variable
     * {@code required} is {@code 1} ({@code .ci/run} sets it), so that CI can never pass by skipping.
     *
     * @param present whether the peer is there
     * @param missing what is missing and how to install it
     * @param required the variable that makes the peer required, such as {@code TWISTED_REQUIRE_MAIL_PEERS}
     */
    public static void assumePresent(boolean present, String missing, String required) {
        if (!present && "1".equals(System.getenv(required))) {
            throw new AssertionError(missing + ", and " + required + "=1 requires it");
        }
        Assumptions.assumeTrue(present, missing);
    }

    /**
     * A TCP port free on the loopback interface just now, for a peer that must be told its port
     * before it starts (a daemon's configuration file or command line).
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Starts a program, its standard error merged into its output unless the builder sends it
     * elsewhere, and waits until it says it is ready.
     *
     * @param name what to call it in messages and thread names
     * @param builder the command
     * @param ready a line of its output that says it is ready, or {@code null} not to wait for one
     * @param timeout how long it may take to say so
     * @return the running program
     * @throws IOException when it cannot start, exits or says nothing ready in time (its output is
     *         in the message); it is stopped then
     */
    public static PeerProcess start(String name, ProcessBuilder builder, Predicate<String> ready, Duration timeout)
            throws IOException {
        if (builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectErrorStream(true);
        }
        Process process = builder.start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        PeerProcess peer = new PeerProcess(name, process, log);
        CompletableFuture<Void> said = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.add(line);
                    if (ready != null && ready.test(line)) {
                        said.complete(null);
                    }
                }
            }
            catch (IOException ex) {
                // the process is gone: the future below fails
            }
            said.completeExceptionally(new IOException(name + " exited"));
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        if (ready == null) {
            return peer;
        }
        try {
            said.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return peer;
        }
        catch (ExecutionException | TimeoutException ex) {
            peer.close();
            throw new IOException(name + " did not start: " + ex.getMessage() + "; its output:\n" + peer.output(), ex);
        }
        catch (InterruptedException ex) {
            peer.close();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting " + name, ex);
        }
    }

    /**
     * Waits until the program takes connections on these ports of 127.0.0.1.
     *
     * @param timeout how long it may take
     * @param ports the ports
     * @throws IOException when a port does not answer in time or the program exits first (it is
     *         stopped then)
     */
    public void awaitListening(Duration timeout, int... ports) throws IOException {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!this.process.isAlive()) {
                    throw new IOException(this.name + " exited with " + this.process.exitValue());
                }
                for (int port : ports) {
                    try (Socket probe = new Socket()) {
                        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                    }
                    catch (IOException notYet) {
                        return false;
                    }
                }
                return true;
            });
        }
        catch (RuntimeException ex) { // ConditionTimeoutException, or what the probe threw
            close();
            throw new IOException(this.name + " did not listen on " + Arrays.toString(ports) + ": "
                    + ex.getMessage() + "; its output:\n" + output(), ex);
        }
    }

    /**
     * The program.
     *
     * @return its process
     */
    public Process process() {
        return this.process;
    }

    /**
     * What the program has written so far, line by line.
     *
     * @return its output
     */
    public List<String> log() {
        synchronized (this.log) {
            return List.copyOf(this.log);
        }
    }

    /**
     * What the program has written so far, as one text.
     *
     * @return its output
     */
    public String output() {
        return String.join("\n", log());
    }

    /**
     * Stops the program and its children: its standard input closed, SIGTERM, then SIGKILL for
     * whatever is left after 5 seconds.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = this.process.descendants().toList();
        try {
            this.process.getOutputStream().close();
        }
        catch (IOException ex) {
            // already closed
        }
        this.process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
