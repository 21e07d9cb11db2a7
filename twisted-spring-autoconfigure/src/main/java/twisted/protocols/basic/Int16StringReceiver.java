package twisted.protocols.basic;

/**
 * An {@link IntNStringReceiver} whose strings are preceded by their length as 2 bytes (big-endian,
 * unsigned): strings of up to 65535 bytes can be sent, and up to {@link #getMaxLength()} are
 * accepted.
 *
 * <p>Twisted: {@code twisted.protocols.basic.Int16StringReceiver}.
 *
 * @since 0.1.0
 */
public abstract class Int16StringReceiver extends IntNStringReceiver {

    /** Creates a receiver with 2-byte prefixes. */
    protected Int16StringReceiver() {
        super(2);
    }
}
