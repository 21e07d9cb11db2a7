package twisted.internet.process;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;

/**
 * Calls a {@link ProcessProtocol} in Twisted's order, whatever order the events come in: output
 * only while its pipe is open, each {@code childConnectionLost} once, {@code processExited} once,
 * and {@code processEnded} once, last, when the process has exited and all three pipes are
 * closed. The real transport and {@code twisted.testing.FakeProcessTransport} both report to one,
 * so the order is written once.
 *
 * <p>For transports, not applications. Confined to the reactor thread: call every method there.
 * A protocol callback that throws is logged once with the process's prefix, further output is
 * dropped, and {@code onProtocolError} runs (transports close all the pipes); an exception from
 * {@code processEnded} is only logged.
 *
 * <p><b>For implementations</b> of the reactor and of the test kit, not for applications: it is
 * public only because those live in other packages.
 *
 * @since 0.1.0
 */
public final class ProcessProtocolDriver {

    private static final Logger log = LoggerFactory.getLogger(ProcessProtocolDriver.class);

    private final ProcessProtocol protocol;

    private final String logPrefix;

    private final Runnable onProtocolError;

    private final boolean[] open = { true, true, true };

    private @Nullable Failure exitReason;

    private boolean failed;

    private boolean ended;

    /**
     * Creates a driver.
     *
     * @param protocol the protocol to call
     * @param logPrefix names the process in log lines, such as {@code cat[1234]}
     * @param onProtocolError runs after a protocol callback threw (once)
     */
    public ProcessProtocolDriver(ProcessProtocol protocol, String logPrefix, Runnable onProtocolError) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.logPrefix = Objects.requireNonNull(logPrefix, "logPrefix");
        this.onProtocolError = Objects.requireNonNull(onProtocolError, "onProtocolError");
    }

    /**
     * The process has started: {@code makeConnection}.
     *
     * @param transport the transport to hand to the protocol
     */
    public void connectionMade(ProcessTransport transport) {
        call("makeConnection", () -> this.protocol.makeConnection(transport));
    }

    /**
     * The child wrote to a pipe; dropped when that pipe is already closed, or after a protocol
     * error.
     *
     * @param fd 1 or 2
     * @param data the bytes, handed to the protocol as they are
     */
    public void childDataReceived(int fd, byte[] data) {
        if (isOpen(fd) && !this.failed) {
            call("childDataReceived", () -> this.protocol.childDataReceived(fd, data));
        }
    }

    /**
     * A pipe closed; only the first report for each pipe reaches the protocol.
     *
     * @param fd 0, 1 or 2
     */
    public void childConnectionLost(int fd) {
        if (!isOpen(fd)) {
            return;
        }
        this.open[fd] = false;
        call("childConnectionLost", () -> this.protocol.childConnectionLost(fd));
        maybeEnded();
    }

    /**
     * The process has exited; only the first report reaches the protocol.
     *
     * @param reason a {@code ProcessDoneException} or a {@code ProcessTerminatedException}
     */
    public void processExited(Failure reason) {
        if (this.exitReason != null) {
            return;
        }
        this.exitReason = Objects.requireNonNull(reason, "reason");
        call("processExited", () -> this.protocol.processExited(reason));
        maybeEnded();
    }

    /**
     * Whether a pipe is still open, as far as the protocol knows.
     *
     * @param fd 0, 1 or 2
     * @return {@code true} until its {@code childConnectionLost}
     */
    public boolean isOpen(int fd) {
        return fd >= 0 && fd < this.open.length && this.open[fd];
    }

    /**
     * Whether {@code processExited} has been called.
     *
     * @return {@code true} once the exit was reported
     */
    public boolean hasExited() {
        return this.exitReason != null;
    }

    /**
     * Whether {@code processEnded} has been called.
     *
     * @return {@code true} once the process has ended
     */
    public boolean hasEnded() {
        return this.ended;
    }

    private void maybeEnded() {
        Failure reason = this.exitReason;
        if (this.ended || reason == null || this.open[0] || this.open[1] || this.open[2]) {
            return;
        }
        this.ended = true;
        try {
            this.protocol.processEnded(reason);
        }
        catch (RuntimeException ex) {
            log.error("{}: processEnded threw", this.logPrefix, ex);
        }
    }

    private void call(String callback, Runnable action) {
        try {
            action.run();
        }
        catch (RuntimeException ex) {
            if (this.failed) {
                log.debug("{}: {} threw again", this.logPrefix, callback, ex);
                return;
            }
            this.failed = true;
            log.error("{}: {} threw; closing the process's pipes", this.logPrefix, callback, ex);
            this.onProtocolError.run();
        }
    }
}
