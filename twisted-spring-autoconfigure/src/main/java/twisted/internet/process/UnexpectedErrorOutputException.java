package twisted.internet.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import twisted.defer.Deferred;
import twisted.internet.error.ConnectionClosedException;

/**
 * {@link ProcessUtils#getProcessOutput} failed because the process wrote to stderr (and
 * {@code errortoo} was off). This is Twisted's rule: <em>any</em> byte on stderr fails the call,
 * whatever the exit code, as soon as it arrives; the process's pipes are then closed.
 *
 * <p>{@link #processEnded()} still tells how the process ended. Twisted's
 * {@code _UnexpectedErrorOutput.processEnded} errbacks with the reason; this one fires with it
 * instead, so that a caller who does not care is not reported an unhandled failure.
 *
 * <p>Twisted: {@code twisted.internet.utils._UnexpectedErrorOutput}, also an {@code IOError}.
 *
 * @since 0.1.0
 */
public class UnexpectedErrorOutputException extends IOException {

    private static final long serialVersionUID = 1L;

    private static final int SHOWN = 200;

    private final byte[] errorOutput;

    private final transient Deferred<ConnectionClosedException> processEnded;

    /**
     * Creates the exception.
     *
     * @param errorOutput the first bytes that came on stderr
     * @param processEnded fires with the process's end reason
     */
    public UnexpectedErrorOutputException(byte[] errorOutput, Deferred<ConnectionClosedException> processEnded) {
        super("got stderr: " + shown(errorOutput));
        this.errorOutput = errorOutput.clone();
        this.processEnded = processEnded;
    }

    private static String shown(byte[] data) {
        String text = new String(Arrays.copyOf(data, Math.min(data.length, SHOWN)), StandardCharsets.UTF_8).strip();
        return "[" + text + ((data.length > SHOWN) ? "...]" : "]");
    }

    /**
     * The first chunk that came on stderr.
     *
     * @return a copy of the bytes
     */
    public byte[] errorOutput() {
        return this.errorOutput.clone();
    }

    /**
     * Fires, on the reactor thread, with a {@code ProcessDoneException} or a
     * {@code ProcessTerminatedException} once the process has ended.
     *
     * @return the Deferred
     */
    public Deferred<ConnectionClosedException> processEnded() {
        return this.processEnded;
    }
}
