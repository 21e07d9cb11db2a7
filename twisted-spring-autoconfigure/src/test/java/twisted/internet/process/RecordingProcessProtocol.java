package twisted.internet.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import twisted.defer.Failure;
import twisted.internet.Reactor;

/**
 * Records what a real process does to its protocol: the events in order, the bytes, and whether
 * every callback ran on the reactor thread.
 */
class RecordingProcessProtocol extends ProcessProtocol {

    /** The bound on every wait in the tests that run real programs (a loaded machine starts them slowly). */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final List<String> events = new CopyOnWriteArrayList<>();

    final List<String> offReactorThread = new CopyOnWriteArrayList<>();

    final CompletableFuture<ProcessTransport> connected = new CompletableFuture<>();

    final CompletableFuture<Failure> exited = new CompletableFuture<>();

    final CompletableFuture<Failure> ended = new CompletableFuture<>();

    private final Reactor reactor;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private long outBytes;

    private long errBytes;

    RecordingProcessProtocol(Reactor reactor) {
        this.reactor = reactor;
    }

    private void record(String event) {
        if (!this.reactor.isReactorThread()) {
            this.offReactorThread.add(event + " on " + Thread.currentThread().getName());
        }
        if (this.events.isEmpty() || !this.events.get(this.events.size() - 1).equals(event)) {
            this.events.add(event);
        }
    }

    @Override
    public void connectionMade() {
        record("connectionMade");
        this.connected.complete(this.transport);
    }

    @Override
    public void outReceived(byte[] data) {
        record("out");
        synchronized (this) {
            this.outBytes += data.length;
            if (this.out.size() < 1_000_000) {
                this.out.writeBytes(data);
            }
        }
    }

    @Override
    public void errReceived(byte[] data) {
        record("err");
        synchronized (this) {
            this.errBytes += data.length;
            if (this.err.size() < 1_000_000) {
                this.err.writeBytes(data);
            }
        }
    }

    @Override
    public void inConnectionLost() {
        record("inLost");
    }

    @Override
    public void outConnectionLost() {
        record("outLost");
    }

    @Override
    public void errConnectionLost() {
        record("errLost");
    }

    @Override
    public void processExited(Failure reason) {
        record("exited");
        this.exited.complete(reason);
    }

    @Override
    public void processEnded(Failure reason) {
        record("ended");
        this.ended.complete(reason);
    }

    /** Waits (bounded) for connectionMade: the process has started, its pid is known. */
    ProcessTransport awaitConnected() throws Exception {
        return this.connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits (bounded) for processEnded and gives its reason's exception. */
    Throwable awaitEnded() throws Exception {
        return this.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).value();
    }

    synchronized String out() {
        return this.out.toString(StandardCharsets.UTF_8);
    }

    synchronized String err() {
        return this.err.toString(StandardCharsets.UTF_8);
    }

    synchronized long outBytes() {
        return this.outBytes;
    }

    synchronized long errBytes() {
        return this.errBytes;
    }
}
