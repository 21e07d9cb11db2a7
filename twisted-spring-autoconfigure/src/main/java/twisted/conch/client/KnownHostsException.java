package twisted.conch.client;

import java.io.IOException;

/**
 * A {@code known_hosts} file that cannot be used: larger than the limits of {@link KnownHosts},
 * or not text. The message names the file and the line, never a key.
 */
public class KnownHostsException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where
     */
    public KnownHostsException(String message) {
        super(message);
    }
}
