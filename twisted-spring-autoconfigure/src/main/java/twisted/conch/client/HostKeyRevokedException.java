package twisted.conch.client;

/**
 * The server presented a key that {@code known_hosts} marks {@code @revoked}. Always refused.
 *
 * @since 0.1.0
 */
public class HostKeyRevokedException extends HostKeyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param host the host as the client was asked to reach it
     * @param port its port
     * @param fingerprint the presented key's fingerprint
     */
    public HostKeyRevokedException(String host, int port, String fingerprint) {
        super("the host key of " + KnownHostsVerifier.hostAndPort(host, port) + " (" + fingerprint
                + ") is revoked in known_hosts", host, port, fingerprint);
    }
}
