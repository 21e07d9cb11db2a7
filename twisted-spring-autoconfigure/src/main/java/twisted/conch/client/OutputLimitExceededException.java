package twisted.conch.client;

import java.io.IOException;

/**
 * A remote command wrote more than {@link SSHClientOptions#maxOutputBytes()} (standard output and
 * error together), so it was cancelled: its channel closed, the rest of its output never read.
 *
 * @since 0.1.0
 */
public class OutputLimitExceededException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    /**
     * Creates the exception.
     *
     * @param limit the limit it broke
     */
    public OutputLimitExceededException(long limit) {
        super("the remote command's output exceeds the allowed maximum (" + limit + " bytes): cancelled");
        this.limit = limit;
    }

    /**
     * The limit the output broke.
     *
     * @return bytes
     */
    public long getLimit() {
        return this.limit;
    }
}
