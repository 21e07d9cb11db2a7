package twisted.internet.error;

import java.util.Locale;
import java.util.Objects;

/**
 * The connection was closed at once from this side, dropping what was not sent yet: by the
 * protocol ({@code abortConnection()}), or by the transport enforcing its
 * {@link twisted.internet.ConnectionLimits}. {@link #getReason()} tells which.
 *
 * <p>Twisted: {@code error.ConnectionAborted}; the reasons are new.
 *
 * @since 0.1.0
 */
public class ConnectionAbortedException extends ConnectionLostException {

    private static final long serialVersionUID = 1L;

    /** Why a connection was aborted. */
    public enum Reason {

        /** Code called {@code abortConnection()}, or a protocol callback threw. */
        ABORTED,

        /** The peer did not read, and what waited to be sent passed the connection's write buffer limit. */
        WRITE_BUFFER_LIMIT,

        /** {@code loseConnection()} could not send what was left within the connection's close timeout. */
        CLOSE_TIMEOUT;

        /**
         * The reason as a metric tag or a log value: {@code aborted}, {@code write-buffer-limit},
         * {@code close-timeout}.
         *
         * @return the lower-case, dashed name
         */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the connection was aborted
     * @param detail what happened, for the message
     */
    public ConnectionAbortedException(Reason reason, String detail) {
        super("Connection was aborted locally (" + Objects.requireNonNull(reason, "reason").tag() + "): " + detail);
        this.reason = reason;
    }

    /**
     * Why the connection was aborted.
     *
     * @return the reason
     */
    public Reason getReason() {
        return this.reason;
    }
}
