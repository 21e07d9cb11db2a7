package twisted.conch.recvline;

/**
 * A protocol that wants to hear about Ctrl-C. A {@link LineDiscipline} in front of a protocol
 * that implements it calls {@link #interrupted()} after discarding the line being typed; other
 * protocols never notice the key.
 *
 * <p>Twisted: {@code handle_INT} of {@code twisted.conch.manhole.Manhole}, as an interface of the
 * wrapped protocol.
 *
 * @since 0.1.0
 */
public interface Interruptible {

    /**
     * The user pressed Ctrl-C. Called on the reactor thread, after the discipline has discarded
     * the line being typed and written {@code ^C} and a new line, and before it shows the prompt
     * again: output written here appears between the two. Nothing was delivered for the discarded
     * line. An exception thrown here goes to the caller of {@code dataReceived}, as from any
     * protocol callback.
     */
    void interrupted();
}
