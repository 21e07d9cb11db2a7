package twisted.conch.ssh;

import java.io.IOException;

/**
 * A host key file's permissions let others than its owner read or change it, so the server
 * refuses to use it, as OpenSSH's {@code sshd} does.
 *
 * @since 0.1.0
 */
public final class UnsafeHostKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which file, its permissions, and what to do
     */
    public UnsafeHostKeyException(String message) {
        super(message);
    }
}
