package twisted.conch.client;

import java.io.IOException;
import java.util.Objects;

/**
 * The SSH client refused the key a server presented, so it did not log in. The message names the
 * host, the port and the key's SHA-256 fingerprint, never more of a key.
 *
 * @since 0.1.0
 */
public class HostKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String host;

    private final int port;

    private final String fingerprint;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     * @param host the host as the client was asked to reach it
     * @param port its port
     * @param fingerprint the presented key's fingerprint ({@code SHA256:...})
     */
    public HostKeyException(String message, String host, int port, String fingerprint) {
        super(message);
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * The host as the client was asked to reach it.
     *
     * @return the host
     */
    public String getHost() {
        return this.host;
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int getPort() {
        return this.port;
    }

    /**
     * The SHA-256 fingerprint of the key the server presented, as {@code ssh-keygen -l} prints it.
     *
     * @return {@code SHA256:...}
     */
    public String getFingerprint() {
        return this.fingerprint;
    }
}
