package twisted.protocols.basic;

/**
 * An {@link IntNStringReceiver} whose strings are preceded by their length as 4 bytes (big-endian,
 * unsigned), so any Java array fits; up to {@link #getMaxLength()} bytes are accepted.
 *
 * <p>Twisted: {@code twisted.protocols.basic.Int32StringReceiver}.
 *
 * @since 0.1.0
 */
public abstract class Int32StringReceiver extends IntNStringReceiver {

    /** Creates a receiver with 4-byte prefixes. */
    protected Int32StringReceiver() {
        super(4);
    }
}
