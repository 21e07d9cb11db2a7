package twisted.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The demo as a JVM of its own, started the way a user (or a container) starts it:
 * {@code java -cp <the test classpath> twisted.demo.DemoApplication --key=value ...}, with every
 * service on a free loopback port (the test {@code config/application.yml} on the classpath) and
 * the web server on a free port too. Its output goes to a file under
 * {@code target/demo-processes/}, kept for reading after a failure. {@link #terminate()} sends
 * SIGTERM (what Kubernetes sends), {@link #kill()} SIGKILL. For the shutdown test and the
 * multi-node test.
 */
final class DemoProcess implements AutoCloseable {

    private static final Pattern SERVICES_STARTED = Pattern.compile("Twisted services started: \\{(.*)}");

    private static final Pattern SERVICE_PORT = Pattern.compile("([\\w.-]+)=(\\d+)");

    private static final Pattern WEB_STARTED = Pattern.compile("Netty started on port (\\d+)");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;

    private final Path log;

    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private int httpPort;

    private DemoProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the demo with these properties (as {@code --key=value} arguments, which win over
     * every file) and waits until its services and web server listen.
     *
     * @param name names the log file
     * @param properties the properties, in order
     * @return the running demo
     * @throws IOException when the JVM cannot be started
     */
    static DemoProcess start(String name, Map<String, String> properties) throws IOException {
        Path directory = Path.of("target", "demo-processes");
        Files.createDirectories(directory);
        Path log = directory.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), DemoApplication.class.getName(),
                "--server.port=0"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DemoProcess demo = new DemoProcess(process, log);
        try {
            demo.awaitStarted();
        }
        catch (RuntimeException | Error ex) {
            process.destroyForcibly();
            throw ex;
        }
        return demo;
    }

    private void awaitStarted() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(this::started);
    }

    /** Reads the ports from the log once they are there; fails if the JVM has exited. */
    private boolean started() {
        if (this.ports.isEmpty() || this.httpPort == 0) {
            for (String line : output()) {
                Matcher services = SERVICES_STARTED.matcher(line);
                if (services.find() && this.ports.isEmpty()) {
                    Matcher port = SERVICE_PORT.matcher(services.group(1));
                    while (port.find()) {
                        this.ports.put(port.group(1), Integer.parseInt(port.group(2)));
                    }
                }
                Matcher web = WEB_STARTED.matcher(line);
                if (web.find()) {
                    this.httpPort = Integer.parseInt(web.group(1));
                }
            }
        }
        if (!this.process.isAlive()) {
            throw new IllegalStateException("the demo exited with " + this.process.exitValue() + "; see " + this.log);
        }
        return !this.ports.isEmpty() && this.httpPort != 0;
    }

    /**
     * The port a service listens on, from the started line.
     *
     * @param service the service's name
     * @return its port
     */
    int port(String service) {
        Integer port = this.ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service '" + service + "' in " + this.ports);
        }
        return port;
    }

    /**
     * The web server's port.
     *
     * @return the port
     */
    int httpPort() {
        return this.httpPort;
    }

    /**
     * GETs a path on the web server.
     *
     * @param path such as {@code /actuator/health/readiness}
     * @return the status code, or -1 when the web server does not answer
     */
    int status(String path) {
        try {
            return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * GETs a path on the web server with HTTP basic authentication.
     *
     * @param path such as {@code /actuator/twisted}
     * @param user the user
     * @param password the password
     * @return the body when the status is 200, otherwise {@code null}
     */
    String get(String path, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = this.http.send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
                .header("Authorization", "Basic " + credentials)
                .timeout(Duration.ofSeconds(2))
                .build(), HttpResponse.BodyHandlers.ofString());
            return (response.statusCode() == 200) ? response.body() : null;
        }
        catch (IOException ex) {
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sends SIGTERM, as {@code kill PID} and Kubernetes do. */
    void terminate() {
        this.process.destroy();
    }

    /** Sends SIGKILL. */
    void kill() {
        this.process.destroyForcibly();
    }

    /**
     * Waits for the JVM to exit.
     *
     * @param timeout how long at most
     * @return its exit status, or -1 when still running
     * @throws InterruptedException when interrupted
     */
    int waitFor(Duration timeout) throws InterruptedException {
        return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : -1;
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /**
     * What the demo has logged so far.
     *
     * @return the lines
     */
    List<String> output() {
        try {
            return Files.readAllLines(this.log, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            return List.of();
        }
    }

    /**
     * Waits for a line the demo logs.
     *
     * @param line what the line must satisfy
     * @param timeout how long at most
     * @return the first such line
     */
    String awaitLine(Predicate<String> line, Duration timeout) {
        return await().alias("a line in " + this.log).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> output().stream().filter(line).findFirst(), Optional::isPresent).orElseThrow();
    }

    /**
     * Where the output goes.
     *
     * @return the log file
     */
    Path log() {
        return this.log;
    }

    /** Kills the JVM if it still runs. */
    @Override
    public void close() {
        if (this.process.isAlive()) {
            this.process.destroyForcibly();
        }
    }
}
