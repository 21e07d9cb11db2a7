package twisted.internet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessExitedAlreadyException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.internet.netty.NettyReactor;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;
import static twisted.internet.process.RecordingProcessProtocol.TIMEOUT;

/** Real programs through {@code NettyReactor.spawnProcess}, which is {@link ProcessSpawner}. */
class ProcessSpawnerTests {

    private final RunningReactor running = RunningReactor.start(RecordingProcessProtocol.TIMEOUT);

    private final NettyReactor reactor = this.running.reactor();

    private final List<ProcessSpawner> spawners = new ArrayList<>();

    @AfterEach
    void stopReactor() {
        this.spawners.forEach(ProcessSpawner::shutdown);
        this.running.close();
    }

    private RecordingProcessProtocol protocol() {
        return new RecordingProcessProtocol(this.reactor);
    }

    private ProcessTransport spawn(RecordingProcessProtocol protocol, String... argv) throws Exception {
        return spawn(protocol, null, argv);
    }

    /** Spawns on the reactor thread and waits for connectionMade, so the process exists. */
    private ProcessTransport spawn(RecordingProcessProtocol protocol, Map<String, String> env, String... argv)
            throws Exception {
        ProcessTransport transport = this.running.call(
                () -> this.reactor.spawnProcess(protocol, argv[0], List.of(argv), env, null));
        assertThat(protocol.awaitConnected()).isSameAs(transport);
        return transport;
    }

    // ------------------------------------------------------------------ pipes

    @Test
    void catEchoesWhatIsWrittenToStdinOnceStdinIsClosed() throws Exception {
        RecordingProcessProtocol cat = protocol();
        this.running.call(() -> {
            ProcessTransport transport = this.reactor.spawnProcess(cat, "cat", List.of("cat"), null, null);
            assertThat(cat.events).as("connected later, once the process exists").isEmpty();
            transport.write("hello, ".getBytes(StandardCharsets.UTF_8));
            transport.writeToChild(0, "cat\n".getBytes(StandardCharsets.UTF_8));
            transport.closeStdin();
            transport.write("dropped after closeStdin".getBytes(StandardCharsets.UTF_8));
            return null;
        });
        assertThat(cat.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(cat.connected.get()).as("the protocol gets the transport spawnProcess returned")
                .isSameAs(cat.getTransport());
        assertThat(cat.out()).isEqualTo("hello, cat\n");
        assertThat(cat.err()).isEmpty();
        assertThat(cat.offReactorThread).isEmpty();
        assertThat(cat.events).startsWith("connectionMade").endsWith("ended")
                .contains("inLost", "out", "outLost", "errLost", "exited");
    }

    @Test
    void largeStdinWritesNeverBlockTheReactorThread() throws Exception {
        RecordingProcessProtocol cat = protocol();
        byte[] data = new byte[4 * 1024 * 1024];
        Arrays.fill(data, (byte) 'x');
        long started = System.nanoTime();
        this.running.call(() -> {
            ProcessTransport transport = this.reactor.spawnProcess(cat, "cat", List.of("cat"), null, null);
            transport.write(data);
            transport.write(data);
            transport.closeStdin();
            return null;
        });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("queued, not written, in ms")
                .isLessThan(5000);
        assertThat(cat.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(cat.outBytes()).isEqualTo(2L * data.length);
    }

    @Test
    void megabytesOnStdoutAndStderrAtOnceDoNotDeadlock() throws Exception {
        RecordingProcessProtocol both = protocol();
        spawn(both, "sh", "-c", "head -c 5000000 /dev/zero; head -c 5000000 /dev/zero >&2");
        assertThat(both.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(both.outBytes()).isEqualTo(5_000_000L);
        assertThat(both.errBytes()).isEqualTo(5_000_000L);

        RecordingProcessProtocol interleaved = protocol();
        spawn(interleaved, "sh", "-c", "head -c 3000000 /dev/zero >&2 & head -c 3000000 /dev/zero; wait");
        assertThat(interleaved.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(interleaved.outBytes()).isEqualTo(3_000_000L);
        assertThat(interleaved.errBytes()).isEqualTo(3_000_000L);
        assertThat(both.offReactorThread).isEmpty();
        assertThat(interleaved.offReactorThread).isEmpty();
    }

    @Test
    void onePipesOutputArrivesWholeAndInOrderWhileTheReactorIsBusy() throws Exception {
        RecordingProcessProtocol seq = protocol();
        this.running.call(() -> {
            this.reactor.spawnProcess(seq, "seq", List.of("seq", "1", "100000"), null, null);
            Thread.sleep(1000); // keeps the reactor thread busy on purpose: the pipe threads must wait, not drop
            return null;
        });
        seq.awaitEnded();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 100000; i++) {
            expected.append(i).append('\n');
        }
        assertThat(seq.out()).isEqualTo(expected.toString());
    }

    @Test
    void closeStdoutDropsFurtherOutputAndReportsOutConnectionLost() throws Exception {
        RecordingProcessProtocol cat = protocol();
        this.running.call(() -> {
            ProcessTransport transport = this.reactor.spawnProcess(cat, "cat", List.of("cat"), null, null);
            transport.closeStdout();
            transport.closeChildFD(1);
            transport.write("never seen\n".getBytes(StandardCharsets.UTF_8));
            transport.closeStdin();
            return null;
        });
        cat.awaitEnded();
        assertThat(cat.out()).isEmpty();
        assertThat(cat.events).containsOnlyOnce("outLost").doesNotContain("out").endsWith("ended");
    }

    @Test
    void spawnedFromAnotherThreadConnectsOnTheReactorThreadFirst() throws Exception {
        RecordingProcessProtocol echo = protocol();
        ProcessTransport transport = this.reactor.spawnProcess(echo, "echo", List.of("echo", "hi"), null, null);
        assertThat(echo.awaitConnected()).isSameAs(transport);
        assertThat(transport.pid()).isPositive();
        assertThat(echo.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(echo.events.get(0)).isEqualTo("connectionMade");
        assertThat(echo.offReactorThread).isEmpty();
        assertThat(echo.out()).isEqualTo("hi\n");
    }

    @Test
    void onlyTheThreeStandardPipesExist() throws Exception {
        RecordingProcessProtocol cat = protocol();
        ProcessTransport transport = spawn(cat, "cat");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transport.writeToChild(1, new byte[1]))
                .withMessageContaining("fd (1)");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transport.closeChildFD(3))
                .withMessageContaining("childFDs are not supported");
        transport.loseConnection();
        assertThat(cat.awaitEnded()).isInstanceOf(ProcessDoneException.class);
    }

    // ------------------------------------------------------------------ exit codes and signals

    @Test
    void exitCodeZeroIsProcessDoneAndAnyOtherIsProcessTerminated() throws Exception {
        RecordingProcessProtocol ok = protocol();
        spawn(ok, "sh", "-c", "exit 0");
        assertThat(ok.awaitEnded()).isInstanceOfSatisfying(ProcessDoneException.class, done -> {
            assertThat(done.exitCode()).isZero();
            assertThat(done.signal()).isNull();
        });
        assertThat(ok.exited.get().value()).isSameAs(ok.ended.get().value());

        RecordingProcessProtocol three = protocol();
        spawn(three, "sh", "-c", "exit 3");
        assertThat(three.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class)).satisfies(terminated -> {
            assertThat(terminated.exitCode()).isEqualTo(3);
            assertThat(terminated.signal()).isNull();
            assertThat(terminated.status()).isEqualTo(3 << 8);
            assertThat(terminated).hasMessage("process ended with exit code 3");
        });
        assertThat(three.events).containsSubsequence("exited", "ended").endsWith("ended");
    }

    @Test
    void processKilledByKillIsTerminatedBySignalNine() throws Exception {
        RecordingProcessProtocol sleep = protocol();
        ProcessTransport transport = spawn(sleep, "sleep", "30");
        this.running.call(() -> {
            transport.signalProcess("KILL");
            return null;
        });
        assertThat(sleep.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class)).satisfies(killed -> {
            assertThat(killed.signal()).isEqualTo(9);
            assertThat(killed.exitCode()).isNull();
            assertThat(killed).hasMessage("process ended by signal 9");
        });
        assertThatExceptionOfType(ProcessExitedAlreadyException.class)
                .isThrownBy(() -> transport.signalProcess("TERM")).withMessageContaining("has already exited");
        assertThatExceptionOfType(ProcessExitedAlreadyException.class).isThrownBy(() -> transport.signalProcess(9));
    }

    @Test
    void pipeThreadsAreNamedForTheProcessAndDaemons() throws Exception {
        RecordingProcessProtocol sleep = protocol();
        ProcessTransport transport = spawn(sleep, "sleep", "30");
        try {
            transport.write(new byte[] { 1 });
            String prefix = "twisted-process-sleep-" + transport.pid() + "-";
            // The threads start right after connectionMade, from the thread that started the process.
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(thread -> thread.getName().startsWith(prefix))
                    .extracting(Thread::getName, Thread::isDaemon)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(prefix + "stdout", true),
                            org.assertj.core.groups.Tuple.tuple(prefix + "stderr", true),
                            org.assertj.core.groups.Tuple.tuple(prefix + "stdin", true)));
        }
        finally {
            transport.signalProcess("KILL");
        }
        sleep.awaitEnded();
    }

    @Test
    void stoppingTheReactorLeavesChildrenRunningAsTwistedDoes() throws Exception {
        RecordingProcessProtocol sleep = protocol();
        ProcessTransport transport = spawn(sleep, "sleep", "30");
        this.running.close();
        ProcessHandle child = ProcessHandle.of(transport.pid()).orElseThrow();
        assertThat(child.isAlive()).isTrue();
        child.destroyForcibly();
        assertThat(child.onExit().get(RecordingProcessProtocol.TIMEOUT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(sleep.ended).as("no reactor to deliver it").isNotDone();
    }

    @Test
    void termAndOtherSignalsByNameOrNumberAreReportedAsSignals() throws Exception {
        RecordingProcessProtocol term = protocol();
        ProcessTransport termed = spawn(term, "sleep", "30");
        termed.signalProcess("SIGTERM");
        assertThat(term.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::signal).isEqualTo(15);

        RecordingProcessProtocol interrupted = protocol();
        ProcessTransport interrupt = spawn(interrupted, "sleep", "30");
        interrupt.signalProcess("int");
        assertThat(interrupted.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::signal).isEqualTo(2);

        RecordingProcessProtocol hungUp = protocol();
        ProcessTransport hangUp = spawn(hungUp, "sleep", "30");
        hangUp.signalProcess(1);
        assertThat(hungUp.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::signal).isEqualTo(1);
    }

    @Test
    void signalNamesAreChecked() throws Exception {
        RecordingProcessProtocol sleep = protocol();
        ProcessTransport transport = spawn(sleep, "sleep", "30");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transport.signalProcess("TERM; rm"))
                .withMessageContaining("not a signal name");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transport.signalProcess(0));
        transport.signalProcess("KILL");
        sleep.awaitEnded();
    }

    @Test
    void exitValueOfAKilledProcessIsASignalOnlyWhenThisTransportSentIt() throws Exception {
        assertThat(ProcessSpawner.exitReason(0, Set.of())).isInstanceOf(ProcessDoneException.class);
        assertThat(ProcessSpawner.exitReason(137, Set.of(9))).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::signal).isEqualTo(9);
        assertThat(ProcessSpawner.exitReason(137, Set.of(15))).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::exitCode).isEqualTo(137);
        assertThat(ProcessSpawner.exitReason(2, Set.of(2))).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::exitCode).isEqualTo(2);

        RecordingProcessProtocol suicide = protocol();
        spawn(suicide, "sh", "-c", "kill -9 $$");
        assertThat(suicide.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class))
                .as("killed from outside: the JDK reports 128 + 9, read as an exit code")
                .extracting(ProcessTerminatedException::exitCode).isEqualTo(137);
    }

    // ------------------------------------------------------------------ argv, environment, directory

    @Test
    void argsStartWithArgvZeroWhichIsNotPassedOn() throws Exception {
        RecordingProcessProtocol right = protocol();
        this.running.call(() -> this.reactor.spawnProcess(right, "echo", List.of("my-echo", "a", "b"), null, null));
        right.awaitEnded();
        assertThat(right.out()).as("args.get(0) is argv[0], not an argument").isEqualTo("a b\n");

        RecordingProcessProtocol classicBug = protocol();
        this.running.call(() -> this.reactor.spawnProcess(classicBug, "echo", List.of("-n", "x"), null, null));
        classicBug.awaitEnded();
        assertThat(classicBug.out()).as("-n was taken as argv[0]").isEqualTo("x\n");
    }

    @Test
    void emptyEnvironmentIsEmptyAndNullInherits() throws Exception {
        RecordingProcessProtocol empty = protocol();
        spawn(empty, Map.of(), "env");
        assertThat(empty.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(empty.out()).isEmpty();

        RecordingProcessProtocol exact = protocol();
        spawn(exact, Map.of("GREETING", "hello world"), "env");
        exact.awaitEnded();
        assertThat(exact.out()).isEqualTo("GREETING=hello world\n");

        RecordingProcessProtocol inherited = protocol();
        spawn(inherited, (Map<String, String>) null, "env");
        inherited.awaitEnded();
        assertThat(System.getenv("PATH")).isNotNull();
        assertThat(inherited.out()).contains("PATH=" + System.getenv("PATH") + "\n");
    }

    @Test
    void pathIsTheWorkingDirectory(@TempDir Path dir) throws Exception {
        RecordingProcessProtocol pwd = protocol();
        this.running.call(() -> this.reactor.spawnProcess(pwd, "pwd", List.of("pwd"), null, dir));
        pwd.awaitEnded();
        assertThat(Path.of(pwd.out().strip()).toRealPath()).isEqualTo(dir.toRealPath());
    }

    // ------------------------------------------------------------------ starting off the reactor thread

    @Test
    void aProgramThatCannotStartIsReportedToItsProtocolAsInTwisted(@TempDir Path dir) throws Exception {
        RecordingProcessProtocol missing = protocol();
        ProcessTransport transport = this.running.call(() -> this.reactor.spawnProcess(missing, "no-such-program-here",
                List.of("no-such-program-here"), null, null));
        assertThat(missing.awaitEnded()).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Failed to start [no-such-program-here]");
        assertThat(missing.events).containsExactly("connectionMade", "inLost", "outLost", "errLost", "exited", "ended");
        assertThat(missing.offReactorThread).isEmpty();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(transport::pid)
                .withMessageContaining("could not be started");
        assertThatExceptionOfType(ProcessExitedAlreadyException.class).isThrownBy(() -> transport.signalProcess("TERM"));
        transport.write(new byte[] {1});
        transport.closeStdin();

        RecordingProcessProtocol noDirectory = protocol();
        this.reactor.spawnProcess(noDirectory, "pwd", List.of("pwd"), null, dir.resolve("gone"));
        assertThat(noDirectory.awaitEnded()).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("in [" + dir.resolve("gone") + "]");
    }

    @Test
    void theReactorThreadRunsOtherWorkWhileAProcessIsStarting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProcessSpawner spawner = slowSpawner(4, release);
        RecordingProcessProtocol echo = protocol();
        try {
            ProcessTransport transport = this.running.call(() -> spawner.spawn(echo, spec("echo", "hi")));
            CompletableFuture<Boolean> delayedCall = new CompletableFuture<>();
            this.reactor.callLater(Duration.ZERO, () -> delayedCall.complete(this.reactor.isReactorThread()));
            assertThat(delayedCall.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("a delayed call ran on the reactor thread while the start was blocked").isTrue();
            assertThat(echo.events).as("not connected before the process exists").isEmpty();
            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(transport::pid)
                    .withMessageContaining("still starting");
            assertThat(spawner.spawnsInFlight()).isEqualTo(1);
        }
        finally {
            release.countDown();
        }
        assertThat(echo.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(echo.events.get(0)).isEqualTo("connectionMade");
        assertThat(echo.offReactorThread).isEmpty();
        assertThat(echo.out()).isEqualTo("hi\n");
        assertThat(spawner.spawnsInFlight()).isZero();
    }

    @Test
    void spawnsPastTheLimitOfProcessesStartingAtOnceAreRefusedWithAClearError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProcessSpawner spawner = slowSpawner(2, release);
        List<RecordingProcessProtocol> accepted = List.of(protocol(), protocol());
        RecordingProcessProtocol refused = protocol();
        try {
            for (RecordingProcessProtocol echo : accepted) {
                spawner.spawn(echo, spec("echo", "hi"));
            }
            assertThat(spawner.spawnsInFlight()).isEqualTo(2);
            assertThatExceptionOfType(RejectedExecutionException.class)
                    .isThrownBy(() -> spawner.spawn(refused, spec("echo", "hi")))
                    .withMessageContaining("spawnProcess(echo) refused")
                    .withMessageContaining("2 processes are already starting")
                    .withMessageContaining("twisted.reactor.max-spawns-in-flight");
        }
        finally {
            release.countDown();
        }
        for (RecordingProcessProtocol echo : accepted) {
            assertThat(echo.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        }
        assertThat(refused.events).as("a refused spawn never reaches its protocol").isEmpty();
        RecordingProcessProtocol later = protocol();
        spawner.spawn(later, spec("echo", "again"));
        assertThat(later.awaitEnded()).as("started processes free their places").isInstanceOf(ProcessDoneException.class);
        assertThat(later.out()).isEqualTo("again\n");
    }

    @Test
    void callsMadeWhileTheProcessIsStartingAreCarriedOutInOrderAfterConnectionMade() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProcessSpawner spawner = slowSpawner(4, release);
        RecordingProcessProtocol cat = new RecordingProcessProtocol(this.reactor) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                this.transport.write("first ".getBytes(StandardCharsets.UTF_8));
            }
        };
        try {
            ProcessTransport transport = spawner.spawn(cat, spec("cat"));
            transport.write("second ".getBytes(StandardCharsets.UTF_8));
            byte[] reused = "third\n".getBytes(StandardCharsets.UTF_8);
            transport.write(reused);
            Arrays.fill(reused, (byte) 'x');
            transport.closeStdin();
            transport.write("dropped after closeStdin".getBytes(StandardCharsets.UTF_8));
        }
        finally {
            release.countDown();
        }
        assertThat(cat.awaitEnded()).isInstanceOf(ProcessDoneException.class);
        assertThat(cat.out()).as("connectionMade's write first, as in Twisted, then the waiting calls in order")
                .isEqualTo("first second third\n");
    }

    @Test
    void aSignalSentWhileTheProcessIsStartingReachesItOnceStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProcessSpawner spawner = slowSpawner(4, release);
        RecordingProcessProtocol sleep = protocol();
        try {
            spawner.spawn(sleep, spec("sleep", "30")).signalProcess("KILL");
        }
        finally {
            release.countDown();
        }
        assertThat(sleep.awaitEnded()).asInstanceOf(type(ProcessTerminatedException.class))
                .extracting(ProcessTerminatedException::signal).isEqualTo(9);
    }

    @Test
    void aProcessWhoseStartEndsAfterTheReactorStoppedIsKilled() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Process> started = new AtomicReference<>();
        ProcessSpawner spawner = slowSpawner(4, release, started);
        RecordingProcessProtocol sleep = protocol();
        spawner.spawn(sleep, spec("sleep", "30"));
        this.running.close();
        release.countDown();
        await().atMost(TIMEOUT).until(() -> started.get() != null);
        assertThat(started.get().onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(sleep.events).as("no reactor to deliver anything").isEmpty();
    }

    private static ProcessSpec spec(String... argv) {
        return new ProcessSpec(argv[0], List.of(argv), null, null);
    }

    private ProcessSpawner slowSpawner(int maxSpawnsInFlight, CountDownLatch release) {
        return slowSpawner(maxSpawnsInFlight, release, new AtomicReference<>());
    }

    /** A spawner on this test's reactor whose starts wait for {@code release}. */
    private ProcessSpawner slowSpawner(int maxSpawnsInFlight, CountDownLatch release, AtomicReference<Process> started) {
        ProcessSpawner spawner = new ProcessSpawner("slow", this.reactor::callFromThread, maxSpawnsInFlight, builder -> {
            try {
                if (!release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IOException("the test never let the start go on");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException(ex);
            }
            Process process = builder.start();
            started.set(process);
            return process;
        });
        this.spawners.add(spawner);
        return spawner;
    }
}
