package twisted.words.irc.server;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import twisted.cluster.Cluster;
import twisted.testing.MemoryCluster;
import twisted.testing.RunningReactor;
import twisted.words.irc.Ngircd;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with an IRC client library nobody here wrote: {@code src/test/resources/irc/interop.py}
 * drives three clients of Python's {@code irc} package (Debian's {@code python3-irc}) through a
 * server: register; a nick already taken refused with 433; join {@code #room} (the first to join is its operator); a channel message seen
 * by the two others and not echoed; a private message seen by its target only; a nick change, a
 * topic and the modes {@code +m}, {@code +v}, {@code +o} seen by all; a kick with a reason seen by
 * all; a quit whose reason reaches the one who shares a channel, and not the kicked one. Each step
 * waits at most 10 seconds; the script exits non-zero naming the step and what each client
 * missed, and prints the transcript, which this test puts in its failure message.
 *
 * <p>It runs against our {@link IRCServer} (what it is for) and against ngircd, the daemon from
 * Debian's packages, which proves that the script asks only what a real daemon does; and once more
 * with each client on its own node of three {@link IRCServer}s sharing one {@link MemoryCluster}.
 *
 * <p>The test skips (an assumption) when {@code /usr/bin/python3} cannot import {@code irc} or
 * ngircd is missing, and fails instead with {@code TWISTED_REQUIRE_IRC_PEERS=1}, which CI sets
 * after installing both ({@code python3-irc}, {@code ngircd}).
 */
class PythonIrcInteropTests {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final long SCRIPT_SECONDS = 120;

    @TempDir
    Path dir;

    private AutoCloseable server;

    @BeforeAll
    static void pythonIrcIsInstalled() throws Exception {
        Ngircd.assumePeer(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import irc.client").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        Ngircd.assumePeer(check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0,
                "Python's irc package is not installed (Debian: python3-irc)");
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param which {@code ours} or {@code ngircd}
     * @return its port
     */
    int startServer(String which) throws Exception {
        if (which.equals("ngircd")) {
            Ngircd.assumeInstalled();
            Ngircd ngircd = Ngircd.start(this.dir.resolve("ngircd"));
            this.server = ngircd;
            return ngircd.port();
        }
        RunningReactor running = RunningReactor.start();
        this.server = running;
        IRCServer ours = new IRCServer(IRCServerSettings.defaults(), running.reactor(), null, null);
        return running.listenTCP(ours.factory());
    }

    @AfterEach
    void stopServer() throws Exception {
        if (this.server != null) {
            this.server.close();
        }
    }

    @ParameterizedTest(name = "against {0}")
    @ValueSource(strings = { "ours", "ngircd" })
    void threePythonClientsSeeWhatEachOtherDo(String which) throws Exception {
        int port = startServer(which);
        runScript(port, port, port);
    }

    /**
     * The same script with alice, bob and carol each on their own node: three {@link IRCServer}s
     * on their own ports, one {@link MemoryCluster} between them.
     */
    @Test
    void threePythonClientsOnThreeNodesOfOneClusterSeeWhatEachOtherDo() throws Exception {
        RunningReactor running = RunningReactor.start();
        this.server = running;
        MemoryCluster cluster = new MemoryCluster();
        int[] ports = new int[3];
        String[] nodes = { "one", "two", "three" };
        for (int i = 0; i < 3; i++) {
            Cluster node = cluster.node(nodes[i]);
            IRCServer ours = running.call(() -> new IRCServer(IRCServerSettings.defaults(), running.reactor(), null,
                    null, node));
            ports[i] = running.listenTCP(ours.factory());
        }
        runScript(ports[0], ports[1], ports[2]);
    }

    private void runScript(int alicePort, int bobPort, int carolPort) throws Exception {
        int port = alicePort;
        Path script = this.dir.resolve("interop.py");
        try (InputStream in = PythonIrcInteropTests.class.getResourceAsStream("/irc/interop.py")) {
            assertThat(in).as("the script on the test class path").isNotNull();
            Files.write(script, in.readAllBytes());
        }
        Path output = this.dir.resolve("interop.out");
        Process python = new ProcessBuilder(List.of(PYTHON.toString(), script.toString(), "127.0.0.1",
                Integer.toString(port), "--bob-port", Integer.toString(bobPort), "--carol-port",
                Integer.toString(carolPort), "--timeout", "10"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = python.waitFor(SCRIPT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            python.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String transcript = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("the script finished within %d s; its output:%n%s", SCRIPT_SECONDS, transcript).isTrue();
        assertThat(python.exitValue()).as("the script's exit status; its output:%n%s", transcript).isZero();
        assertThat(transcript).contains("INTEROP PASSED");
    }
}
