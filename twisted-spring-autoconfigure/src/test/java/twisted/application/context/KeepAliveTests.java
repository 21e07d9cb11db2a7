package twisted.application.context;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application with only TCP services keeps serving after {@code main} returns, as Twisted's
 * {@code reactor.run()} does, and a signal still shuts it down cleanly. Runs the user's steps: a
 * JVM of its own, started like {@code java -cp ... Main}, then SIGTERM.
 */
class KeepAliveTests {

    private static final Pattern STARTED = Pattern.compile("Twisted services started: \\{echo=(\\d+)}");

    @TempDir
    Path directory;

    private Path log;

    private Process process;

    @BeforeEach
    void logFile() {
        this.log = this.directory.resolve("child.log");
    }

    @AfterEach
    void killTheChild() {
        if (this.process != null) {
            this.process.destroyForcibly();
        }
    }

    @Test
    void tcpOnlyApplicationKeepsServingAfterMainReturnsAndStopsCleanlyOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                TcpOnlyApplication.class.getName()).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> port() > 0 || !this.process.isAlive());
        assertThat(port()).as("the services started; output: %s", output()).isPositive();

        // main() has returned by now; Twisted's reactor.run() would still be serving, and so must we.
        assertThat(this.process.waitFor(2, TimeUnit.SECONDS)).as("exited after start; output: %s", output())
                .isFalse();
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("still here".getBytes(StandardCharsets.UTF_8));
            byte[] answer = socket.getInputStream().readNBytes(10);
            assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("still here");
        }

        this.process.destroy(); // SIGTERM
        assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        assertThat(this.process.exitValue()).as("the JVM's exit status for SIGTERM").isEqualTo(128 + 15);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output())
                .anySatisfy(line -> assertThat(line).contains("Service 'echo' stopped")));
    }

    private int port() throws IOException {
        for (String line : output()) {
            Matcher matcher = STARTED.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return -1;
    }

    private List<String> output() throws IOException {
        return Files.readAllLines(this.log, StandardCharsets.UTF_8);
    }
}
