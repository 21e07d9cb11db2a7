package twisted.words.irc;

/**
 * A line that is not an IRC message: no command, a bad tag section, or a character a message may
 * not hold. The message says what is wrong, in words fit for an IRC error reply.
 *
 * @since 0.1.0
 */
public class MalformedMessageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the line
     */
    public MalformedMessageException(String message) {
        super(message);
    }
}
