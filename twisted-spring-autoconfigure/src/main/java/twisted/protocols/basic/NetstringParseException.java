package twisted.protocols.basic;

/**
 * The peer sent something that is not a netstring: a length that is not plain digits, has a
 * leading zero or exceeds the maximum, or a payload not followed by a comma. The
 * {@link NetstringReceiver} reports it once to
 * {@link NetstringReceiver#handleParseError(NetstringParseException)} and reads nothing more.
 *
 * <p>Twisted: {@code twisted.protocols.basic.NetstringParseError}.
 *
 * @since 0.1.0
 */
public class NetstringParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, with the offending value
     */
    public NetstringParseException(String message) {
        super(message);
    }
}
