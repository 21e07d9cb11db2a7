package twisted.conch;

/**
 * A session protocol that wants to know when the client's terminal is resized (RFC 4254's
 * {@code window-change}). Twisted: {@code ISession.windowChanged}.
 *
 * @since 0.1.0
 */
public interface WindowChangeListener {

    /**
     * The terminal has a new size. Called on the reactor thread.
     *
     * @param columns its width in characters
     * @param rows its height in lines
     */
    void windowChanged(int columns, int rows);
}
