package twisted.conch.client;

import java.util.List;

/**
 * The server presented a key other than the one {@code known_hosts} holds for it: it was
 * reinstalled, or someone is in the middle. Always refused; remove the old entry
 * ({@code ssh-keygen -R}) only once you know which.
 *
 * <p>Twisted: {@code twisted.conch.error.HostKeyChanged}.
 *
 * @since 0.1.0
 */
public class HostKeyChangedException extends HostKeyException {

    private static final long serialVersionUID = 1L;

    private final List<String> knownFingerprints;

    /**
     * Creates the exception.
     *
     * @param host the host as the client was asked to reach it
     * @param port its port
     * @param fingerprint the presented key's fingerprint
     * @param knownFingerprints the fingerprints of the keys of that type the file holds for the host
     */
    public HostKeyChangedException(String host, int port, String fingerprint, List<String> knownFingerprints) {
        super("the host key of " + KnownHostsVerifier.hostAndPort(host, port) + " has changed: it presented "
                + fingerprint + " where known_hosts holds " + String.join(", ", knownFingerprints), host, port,
                fingerprint);
        this.knownFingerprints = List.copyOf(knownFingerprints);
    }

    /**
     * The fingerprints {@code known_hosts} holds for the host, for keys of the presented type.
     *
     * @return {@code SHA256:...} fingerprints
     */
    public List<String> getKnownFingerprints() {
        return this.knownFingerprints;
    }
}
