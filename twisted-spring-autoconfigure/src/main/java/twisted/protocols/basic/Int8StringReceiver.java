package twisted.protocols.basic;

/**
 * An {@link IntNStringReceiver} whose strings are preceded by their length as 1 unsigned byte:
 * strings of up to 255 bytes can be sent, and up to {@link #getMaxLength()} of those are accepted.
 *
 * <p>Twisted: {@code twisted.protocols.basic.Int8StringReceiver}.
 *
 * @since 0.1.0
 */
public abstract class Int8StringReceiver extends IntNStringReceiver {

    /** Creates a receiver with 1-byte prefixes. */
    protected Int8StringReceiver() {
        super(1);
    }
}
