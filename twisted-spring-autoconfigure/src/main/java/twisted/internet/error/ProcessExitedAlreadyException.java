package twisted.internet.error;

/**
 * {@link twisted.internet.process.ProcessTransport#signalProcess} was asked to signal a process that has already exited.
 * Catch it where a process may end on its own at any moment:
 *
 * <pre>{@code
 * try {
 *     transport.signalProcess("TERM");
 * }
 * catch (ProcessExitedAlreadyException ex) {
 *     // it finished first: nothing to stop
 * }
 * }</pre>
 *
 * <p>Twisted: {@code error.ProcessExitedAlready}.
 *
 * @since 0.1.0
 */
public class ProcessExitedAlreadyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which process, and which signal was refused
     */
    public ProcessExitedAlreadyException(String message) {
        super(message);
    }
}
