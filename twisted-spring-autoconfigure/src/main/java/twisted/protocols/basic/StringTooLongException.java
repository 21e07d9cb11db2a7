package twisted.protocols.basic;

/**
 * A string given to {@link IntNStringReceiver#sendString(byte[])} is too long for the receiver's
 * length prefix, for example 256 bytes for an {@link Int8StringReceiver}. Nothing was written.
 *
 * <p>Twisted: {@code twisted.protocols.basic.StringTooLongError}.
 *
 * @since 0.1.0
 */
public class StringTooLongException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the string's length and the most the prefix can express
     */
    public StringTooLongException(String message) {
        super(message);
    }
}
