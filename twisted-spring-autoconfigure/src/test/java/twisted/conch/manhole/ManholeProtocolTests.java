package twisted.conch.manhole;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import twisted.testing.Clock;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.successResultOf;

/** One interpreter shared by the class, except where a test needs a fresh one. */
class ManholeProtocolTests {

    private static final String BANNER = "|  Manhole: jshell inside the application. Every snippet is audit-logged. /exit to leave.\n";

    private static final CallbackQueue callbacks = new CallbackQueue();

    private static final CountDownLatch looping = new CountDownLatch(1);

    private static ManholeInterpreter shared;

    private final Clock clock = new Clock();

    @BeforeAll
    static void start() {
        shared = ManholeInterpreter.builder().namespace(Map.of("looping", looping)).callbacks(callbacks).start();
        successResultOf(callbacks.await(shared.whenReady()));
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    private StringTransport connect(ManholeProtocol protocol) {
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        callbacks.runUntil(() -> transport.valueAsString().endsWith(ManholeProtocol.PROMPT));
        return transport;
    }

    private static void feed(ManholeProtocol protocol, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            protocol.dataReceived(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)));
        }
    }

    private static String answer(StringTransport transport, String prompt) {
        callbacks.runUntil(() -> transport.valueAsString().endsWith(prompt));
        String text = transport.valueAsString();
        transport.clear();
        return text;
    }

    @Test
    void greetsAnswersAndPromptsByteForByte() {
        ManholeInterpreter fresh = ManholeInterpreter.builder().callbacks(callbacks).start();
        ManholeProtocol protocol = new ManholeProtocol(fresh, this.clock, null);
        StringTransport transport = connect(protocol);
        assertThat(transport.valueAsString()).isEqualTo(BANNER + "jshell> ");
        transport.clear();
        protocol.dataReceived("40 + 2\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer(transport, "jshell> ")).isEqualTo("$1 ==> 42\njshell> ");
        protocol.dataReceived("void f() {\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer(transport, "   ...> ")).isEqualTo("   ...> ");
        protocol.dataReceived("}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer(transport, "jshell> ")).isEqualTo("|  created method f()\njshell> ");
        protocol.connectionLost(new twisted.defer.Failure(new twisted.internet.error.ConnectionDoneException()));
        twisted.testing.DeferredAssertions.failureResultOf(callbacks.await(fresh.push("1")), IllegalStateException.class);
    }

    @Test
    void linesArriveInAnyFragmentation() {
        byte[] input = "int frag = 3;\r\nfrag * 2\r\n".getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= input.length; chunk++) {
            ManholeProtocol protocol = new ManholeProtocol(shared, this.clock, null);
            StringTransport transport = connect(protocol);
            transport.clear();
            feed(protocol, input, chunk);
            callbacks.runUntil(() -> transport.valueAsString().matches("(?s).*\\$\\d+ ==> 6\njshell> "));
            assertThat(transport.valueAsString()).as("chunks of %d", chunk)
                    .matches("frag ==> 3\n\\$\\d+ ==> 6\njshell> ");
        }
    }

    @Test
    void ctrlCAndTheTimeoutStopARunningSnippet() throws Exception {
        ManholeProtocol protocol = new ManholeProtocol(shared, this.clock, Duration.ofSeconds(5));
        StringTransport transport = connect(protocol);
        transport.clear();
        protocol.dataReceived("while (true) { looping.countDown(); }\r\n1 + 1\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(looping.await(60, TimeUnit.SECONDS)).isTrue();
        this.clock.advance(Duration.ofSeconds(5));
        assertThat(answer(transport, "jshell> ")).startsWith("|  The snippet ran longer than PT5S: stopping it\n|  Stopped.\n")
                .matches("(?s).*\\$\\d+ ==> 2\njshell> ");
        protocol.dataReceived("void half() {\r\n".getBytes(StandardCharsets.UTF_8));
        answer(transport, "   ...> ");
        protocol.interrupted();
        assertThat(transport.valueAsString()).isEqualTo("jshell> ");
        transport.clear();
        protocol.dataReceived("half\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(answer(transport, "jshell> ")).contains("cannot find symbol");
    }

    @Test
    void exitClosesAndTooManyWaitingLinesClose() {
        ManholeProtocol protocol = new ManholeProtocol(shared, this.clock, null);
        StringTransport transport = connect(protocol);
        protocol.dataReceived("/exit\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(transport.isDisconnecting()).isTrue();

        ManholeProtocol flooded = new ManholeProtocol(shared, this.clock, null);
        StringTransport floodedTransport = new StringTransport();
        flooded.makeConnection(floodedTransport);
        flooded.dataReceived("1\n".repeat(ManholeProtocol.MAX_QUEUED_LINES + 1).getBytes(StandardCharsets.UTF_8));
        assertThat(floodedTransport.isDisconnecting()).isTrue();
        assertThat(floodedTransport.valueAsString()).endsWith("|  Too many lines waiting (at most 1000): closing\n");
    }
}
