package twisted.internet.process;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ConnectionClosedException;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.testing.FakeProcessTransport;
import twisted.testing.MemoryReactor;
import twisted.testing.RunningReactor;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class ProcessUtilsTests {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The helpers' rules, with a fake child the test plays: no processes, no threads. */
    @Nested
    @ExtendWith(TwistedExtension.class)
    class WithAFakeChild {

        private final MemoryReactor reactor = new MemoryReactor();

        private FakeProcessTransport child() {
            return this.reactor.processes().get(this.reactor.processes().size() - 1).transport();
        }

        @Test
        void argsGetTheExecutableInFrontAndTheShortFormsAnEmptyEnvironment() {
            ProcessUtils.getProcessOutput(this.reactor, "uname", List.of("-a"));
            ProcessUtils.getProcessValue(this.reactor, "true", List.of(), null, null);
            assertThat(this.reactor.processes()).extracting(spawn -> spawn.spec().args())
                    .containsExactly(List.of("uname", "-a"), List.of("true"));
            assertThat(this.reactor.processes().get(0).spec().env()).isEmpty();
            assertThat(this.reactor.processes().get(1).spec().env()).isNull();
            this.reactor.processes().forEach(spawn -> spawn.transport().exit(0));
        }

        @Test
        void outputIsStdoutOnceTheProcessEndsWhateverTheExitCode() {
            Deferred<byte[]> output = ProcessUtils.getProcessOutput(this.reactor, "uname", List.of("-a"));
            child().deliverOut(bytes("Linux "));
            child().deliverOut(bytes("box\n"));
            assertNoResult(output);
            child().exit(5);
            assertThat(successResultOf(output)).isEqualTo(bytes("Linux box\n"));
        }

        @Test
        void anyStderrFailsGetProcessOutputAtOnceAndClosesThePipes() {
            Deferred<byte[]> output = ProcessUtils.getProcessOutput(this.reactor, "tool", List.of());
            child().deliverOut(bytes("partial"));
            child().deliverErr(bytes("warning: deprecated flag\n"));
            Failure failure = failureResultOf(output, UnexpectedErrorOutputException.class);
            UnexpectedErrorOutputException error = (UnexpectedErrorOutputException) failure.value();
            assertThat(error).hasMessage("got stderr: [warning: deprecated flag]");
            assertThat(error.errorOutput()).isEqualTo(bytes("warning: deprecated flag\n"));
            assertThat(child().isClosedByProtocol(0)).isTrue();
            assertThat(child().isClosedByProtocol(1)).isTrue();
            assertThat(child().isClosedByProtocol(2)).isTrue();
            assertNoResult(error.processEnded());
            child().exit(0);
            assertThat(successResultOf(error.processEnded())).isInstanceOf(ProcessDoneException.class);
        }

        @Test
        void errortooMixesStderrIntoTheOutputInArrivalOrder() {
            Deferred<byte[]> output = ProcessUtils.getProcessOutput(this.reactor, "tool", List.of(), null, null, true);
            child().deliverOut(bytes("out1 "));
            child().deliverErr(bytes("err "));
            child().deliverOut(bytes("out2"));
            child().exit(0);
            assertThat(successResultOf(output)).isEqualTo(bytes("out1 err out2"));
        }

        @Test
        void valueIsTheExitCodeAndASignalFails() {
            Deferred<Integer> zero = ProcessUtils.getProcessValue(this.reactor, "true", List.of());
            child().deliverOut(bytes("ignored"));
            child().exit(0);
            assertThat(successResultOf(zero)).isZero();

            Deferred<Integer> seven = ProcessUtils.getProcessValue(this.reactor, "false", List.of());
            child().exit(7);
            assertThat(successResultOf(seven)).isEqualTo(7);

            Deferred<Integer> killed = ProcessUtils.getProcessValue(this.reactor, "sleep", List.of("30"));
            child().exitBySignal(15);
            assertThat(failureResultOf(killed, ProcessTerminatedException.class).value())
                    .asInstanceOf(type(ProcessTerminatedException.class))
                    .extracting(ProcessTerminatedException::signal).isEqualTo(15);
        }

        @Test
        void outputAndValueKeepsTheStreamsApartAndASignalFailsWithBoth() {
            Deferred<ProcessOutputAndValue> result = ProcessUtils.getProcessOutputAndValue(this.reactor, "tool", List.of());
            child().deliverOut(bytes("out"));
            child().deliverErr(bytes("err"));
            child().exit(3);
            assertThat(successResultOf(result)).isEqualTo(new ProcessOutputAndValue(bytes("out"), bytes("err"), 3))
                    .satisfies(everything -> {
                        assertThat(everything.outText(StandardCharsets.UTF_8)).isEqualTo("out");
                        assertThat(everything.errText(StandardCharsets.UTF_8)).isEqualTo("err");
                    });

            Deferred<ProcessOutputAndValue> killed = ProcessUtils.getProcessOutputAndValue(this.reactor, "tool", List.of());
            child().deliverOut(bytes("before"));
            child().deliverErr(bytes("dying"));
            child().exitBySignal(9);
            ProcessSignalException error = (ProcessSignalException) failureResultOf(killed, ProcessSignalException.class)
                    .value();
            assertThat(error.out()).isEqualTo(bytes("before"));
            assertThat(error.err()).isEqualTo(bytes("dying"));
            assertThat(error.signal()).isEqualTo(9);
            assertThat(error).hasCauseInstanceOf(ProcessTerminatedException.class)
                    .hasMessageContaining("signal 9");
        }

        @Test
        void cancellingKillsTheProcessAndIgnoresItsEnd() {
            Deferred<byte[]> output = ProcessUtils.getProcessOutput(this.reactor, "sleep", List.of("30"));
            output.cancel();
            failureResultOf(output, CancelledException.class);
            assertThat(child().signals()).containsExactly("KILL");
            child().exitBySignal(9);

            Deferred<Integer> value = ProcessUtils.getProcessValue(this.reactor, "true", List.of());
            child().exit(0);
            value.cancel();
            assertThat(successResultOf(value)).as("cancelling after the end does nothing").isZero();
        }
    }

    /** The helpers over real programs. */
    @Nested
    class WithRealPrograms {

        @Test
        void outputValueAndBoth() throws Exception {
            try (RunningReactor running = RunningReactor.start(RecordingProcessProtocol.TIMEOUT)) {
                byte[] echoed = running.call(() -> ProcessUtils.getProcessOutput(running.reactor(), "echo",
                        List.of("hello", "world")));
                assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("hello world\n");

                Integer code = running.call(() -> ProcessUtils.getProcessValue(running.reactor(), "sh",
                        List.of("-c", "echo noise; echo more >&2; exit 4")));
                assertThat(code).isEqualTo(4);

                ProcessOutputAndValue all = running.call(() -> ProcessUtils.getProcessOutputAndValue(running.reactor(),
                        "sh", List.of("-c", "echo out; echo err >&2; exit 3")));
                assertThat(all).isEqualTo(new ProcessOutputAndValue(bytes("out\n"), bytes("err\n"), 3));
            }
        }

        @Test
        void stderrFailsGetProcessOutputUnlessErrortoo() throws Exception {
            try (RunningReactor running = RunningReactor.start(RecordingProcessProtocol.TIMEOUT)) {
                CompletableFuture<ConnectionClosedException> ended = new CompletableFuture<>();
                assertThatExceptionOfType(UnexpectedErrorOutputException.class)
                        .isThrownBy(() -> running.call(() -> ProcessUtils.getProcessOutput(running.reactor(), "sh",
                                List.of("-c", "echo fine; echo oops >&2"), null, null, false)
                                .addErrback(failure -> {
                                    ((UnexpectedErrorOutputException) failure.value()).processEnded()
                                            .addCallback(ended::complete);
                                    return failure;
                                })))
                        .withMessage("got stderr: [oops]");
                assertThat(ended.get(RecordingProcessProtocol.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .isInstanceOf(ConnectionClosedException.class);

                byte[] mixed = running.call(() -> ProcessUtils.getProcessOutput(running.reactor(), "sh",
                        List.of("-c", "echo fine; echo oops >&2"), null, null, true));
                assertThat(new String(mixed, StandardCharsets.UTF_8)).contains("fine\n", "oops\n").hasSize(10);
            }
        }

        @Test
        void theShortFormsGiveAnEmptyEnvironment() throws Exception {
            try (RunningReactor running = RunningReactor.start(RecordingProcessProtocol.TIMEOUT)) {
                assertThat(running.<byte[]>call(() -> ProcessUtils.getProcessOutput(running.reactor(), "env", List.of())))
                        .isEmpty();
                assertThat(running.<byte[]>call(() -> ProcessUtils.getProcessOutput(running.reactor(), "env", List.of(),
                        Map.of("ONLY", "this"), null, false))).isEqualTo(bytes("ONLY=this\n"));
            }
        }

        @Test
        void aProgramThatCannotStartFailsTheDeferred() throws Exception {
            try (RunningReactor running = RunningReactor.start(RecordingProcessProtocol.TIMEOUT)) {
                assertThatExceptionOfType(UncheckedIOException.class)
                        .isThrownBy(() -> running.call(() -> ProcessUtils.getProcessValue(running.reactor(),
                                "no-such-program-here", List.of())));
            }
        }

        @Test
        void cancellingKillsARealProcess() throws Exception {
            try (RunningReactor running = RunningReactor.start(RecordingProcessProtocol.TIMEOUT)) {
                long started = System.nanoTime();
                assertThatExceptionOfType(twisted.defer.DeferredTimeoutException.class)
                        .isThrownBy(() -> running.call(() -> ProcessUtils.getProcessOutput(running.reactor(), "sleep",
                                List.of("30")).addTimeout(Duration.ofMillis(200), running.reactor())));
                assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
                org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> ProcessHandle.current()
                        .children().noneMatch(child -> child.info().command().orElse("").endsWith("sleep")));
            }
        }
    }
}
