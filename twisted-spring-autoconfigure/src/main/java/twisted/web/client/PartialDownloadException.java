package twisted.web.client;

/**
 * {@link Agent#readBody} could not be sure it got the whole body: the connection ended before the
 * announced length, or there was no length to check against. What did arrive is kept.
 *
 * <p>Twisted: {@code PartialDownloadError}.
 *
 * @since 0.1.0
 */
public class PartialDownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient byte[] body;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the response's status code
     * @param body the bytes that arrived
     * @param cause why the body may be incomplete
     */
    public PartialDownloadException(int status, byte[] body, Throwable cause) {
        super("partial download: " + body.length + " bytes arrived (" + cause.getMessage() + ")", cause);
        this.status = status;
        this.body = body.clone();
    }

    /**
     * The bytes that arrived. Twisted: {@code response}.
     *
     * @return a copy of the partial body
     */
    public byte[] getBody() {
        return this.body.clone();
    }

    /**
     * The response's status code.
     *
     * @return the status
     */
    public int getStatus() {
        return this.status;
    }
}
