package twisted.conch.client;

/**
 * A protocol connected to a remote command that wants its standard error too (SSH extended data):
 * implement this beside {@code dataReceived}, which gets the standard output. A protocol that
 * does not implement it never sees the standard error (its size is logged at debug).
 *
 * <p>Twisted: {@code ProcessProtocol.errReceived}.
 *
 * @since 0.1.0
 */
public interface StandardErrorReceiver {

    /**
     * Bytes the command wrote to its standard error, on the reactor thread.
     *
     * @param data the bytes, owned by the protocol from now on
     */
    void errReceived(byte[] data);
}
