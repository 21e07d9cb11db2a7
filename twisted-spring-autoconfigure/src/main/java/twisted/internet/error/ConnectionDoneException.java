package twisted.internet.error;

/**
 * The connection was closed cleanly, by either side. Twisted: {@code error.ConnectionDone}.
 *
 * @since 0.1.0
 */
public class ConnectionDoneException extends ConnectionClosedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with Twisted's message. */
    public ConnectionDoneException() {
        super("Connection was closed cleanly.");
    }
}
