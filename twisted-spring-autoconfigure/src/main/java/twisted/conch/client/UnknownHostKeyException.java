package twisted.conch.client;

/**
 * {@code known_hosts} holds no key for the server, and the policy is {@link HostKeyPolicy#STRICT}.
 * Add the host's key to the file (checked out of band, or with {@link HostKeyPolicy#ACCEPT_NEW}
 * once) to connect.
 *
 * <p>Twisted: {@code twisted.conch.error.UserRejectedKey}, what its console prompt raises when the
 * user answers "no".
 *
 * @since 0.1.0
 */
public class UnknownHostKeyException extends HostKeyException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param host the host as the client was asked to reach it
     * @param port its port
     * @param fingerprint the presented key's fingerprint
     */
    public UnknownHostKeyException(String host, int port, String fingerprint) {
        super("the host key of " + KnownHostsVerifier.hostAndPort(host, port) + " (" + fingerprint
                + ") is not in known_hosts, and unknown hosts are refused", host, port, fingerprint);
    }
}
