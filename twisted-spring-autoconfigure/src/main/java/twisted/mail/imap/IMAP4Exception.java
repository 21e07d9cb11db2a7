package twisted.mail.imap;

import org.jspecify.annotations.Nullable;

/**
 * The IMAP server refused a command of {@link IMAP4Client}'s: it answered {@code NO} (the command
 * failed, the session goes on) or {@code BAD} (the server did not understand it). Twisted:
 * {@code IMAP4Exception}.
 *
 * @since 0.1.0
 */
public class IMAP4Exception extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String status;

    private final @Nullable String responseCode;

    private final String text;

    /**
     * An exception for this completion.
     *
     * @param command the command's name ({@code SELECT}); never its arguments, which may be secret
     * @param status {@code NO} or {@code BAD}
     * @param responseCode the response code without brackets ({@code TRYCREATE}), or {@code null}
     * @param text the server's text
     */
    public IMAP4Exception(String command, String status, @Nullable String responseCode, String text) {
        super(command + " failed: " + status + ((responseCode != null) ? " [" + responseCode + "]" : "") + " " + text);
        this.status = status;
        this.responseCode = responseCode;
        this.text = text;
    }

    /**
     * The completion's status.
     *
     * @return {@code NO} or {@code BAD}
     */
    public String status() {
        return this.status;
    }

    /**
     * The response code, as {@code [TRYCREATE]} or {@code [AUTHENTICATIONFAILED]} tell why.
     *
     * @return the code without brackets, or {@code null}
     */
    public @Nullable String responseCode() {
        return this.responseCode;
    }

    /**
     * The server's human-readable text.
     *
     * @return the text after the status and response code
     */
    public String text() {
        return this.text;
    }
}
