package twisted.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import twisted.testing.PeerProcess;

/**
 * Test fixture: a real Redis server, Debian's {@code redis-server}, on a free port of 127.0.0.1 in
 * a directory of the test's, with no persistence ({@code --save '' --appendonly no}). It waits
 * until the server answers {@code PING}; {@link #kill()} and {@link #restart()} play a Redis that
 * crashes and comes back on the same port, {@link #pause()} and {@link #resume()} one that hangs.
 * {@link #cli} runs Debian's {@code redis-cli} against it.
 *
 * <pre>
 * RedisServer.assumeInstalled();
 * try (RedisServer redis = RedisServer.start(tempDir)) {
 *     LettuceConnectionFactory factory = redis.connectionFactory();
 * }
 * </pre>
 */
public final class RedisServer implements AutoCloseable {

    /** Where Debian installs the server. */
    public static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");

    /** Where Debian installs the client. */
    public static final Path CLI = Path.of("/usr/bin/redis-cli");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;

    private final int port;

    private PeerProcess process;

    private RedisServer(Path dir, int port, PeerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Skips the calling test when redis-server is not installed, or fails it when
     * {@code TWISTED_REQUIRE_CLUSTER_PEERS=1} (CI), so that CI can never pass by skipping.
     */
    public static void assumeInstalled() {
        PeerProcess.assumePresent(Files.isExecutable(EXECUTABLE) && Files.isExecutable(CLI),
                "redis-server or redis-cli is not installed at " + EXECUTABLE + " (Debian: redis-server, redis-tools)",
                "TWISTED_REQUIRE_CLUSTER_PEERS");
    }

    /**
     * Starts a server on a free port.
     *
     * @param dir its working directory
     * @return the running server, answering PING
     * @throws IOException when it does not start
     */
    public static RedisServer start(Path dir) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = PeerProcess.freePort();
            try {
                return new RedisServer(dir, port, launch(dir, port));
            }
            catch (IOException ex) { // most likely the port was taken meanwhile
                last = ex;
            }
        }
        throw last;
    }

    private static PeerProcess launch(Path dir, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(EXECUTABLE.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "yes");
        builder.directory(dir.toFile());
        PeerProcess process = PeerProcess.start("redis-server:" + port, builder, null, START_TIMEOUT);
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.process().isAlive()) {
                    throw new IOException("redis-server exited: " + process.output());
                }
                return ping(port);
            });
        }
        catch (RuntimeException ex) {
            process.close();
            throw new IOException("redis-server did not answer PING on " + port + ": " + ex.getMessage()
                    + "; its output:\n" + process.output(), ex);
        }
        return process;
    }

    /** Sends an inline PING over a plain socket. */
    private static boolean ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * The server's port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * A started Lettuce connection factory for this server, as Spring Boot would build from
     * {@code spring.data.redis.port}. Destroy it when done.
     *
     * @return the factory
     */
    public LettuceConnectionFactory connectionFactory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", this.port));
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /**
     * Kills the server with SIGKILL, as a crash, and waits until it is gone.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void kill() throws InterruptedException {
        this.process.process().destroyForcibly();
        this.process.process().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Freezes the server (SIGSTOP): connections stay open but nothing is answered, as a server
     * that hangs.
     *
     * @throws IOException when the signal cannot be sent
     * @throws InterruptedException when interrupted while waiting
     */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /**
     * Lets a paused server run again (SIGCONT).
     *
     * @throws IOException when the signal cannot be sent
     * @throws InterruptedException when interrupted while waiting
     */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.process().pid()))
                .redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " failed: " + new String(kill.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /**
     * Starts the server again on the same port (empty: nothing was saved).
     *
     * @throws IOException when it does not start
     */
    public void restart() throws IOException {
        this.process = launch(this.dir, this.port);
    }

    /**
     * Runs Debian's {@code redis-cli} against the server.
     *
     * @param args its arguments, such as {@code KEYS, twisted:*}
     * @return its output lines
     * @throws IOException when it cannot run or fails
     * @throws InterruptedException when interrupted while waiting
     */
    public List<String> cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", Integer.toString(this.port)));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(10, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IOException("redis-cli " + String.join(" ", args) + " failed: " + output);
        }
        return output.lines().toList();
    }

    /**
     * What the server has written so far.
     *
     * @return its output
     */
    public String output() {
        return this.process.output();
    }

    /** Stops the server. */
    @Override
    public void close() {
        try {
            resume();
        }
        catch (IOException | InterruptedException ex) {
            // gone already
        }
        this.process.close();
    }
}
