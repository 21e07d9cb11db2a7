package twisted.mail.imap;

import org.jspecify.annotations.Nullable;

/**
 * A command the server cannot run as sent: malformed, unknown, or too large. The server answers
 * {@code <tag> BAD <reason>}, or {@code * BAD <reason>} when {@link #tag()} is {@code null} (the
 * tag itself could not be read), and reads the next command.
 *
 * <p>The reason is short, for the client's eyes, and never repeats the command's arguments, so
 * a password cannot reach a log through it. No stack trace is recorded: this is a reply, not a bug.
 *
 * @since 0.1.0
 */
public class IMAPParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final @Nullable String tag;

    /**
     * Creates the exception.
     *
     * @param tag the command's tag, or {@code null} when it could not be read
     * @param reason the text after {@code BAD}, without a line break
     */
    public IMAPParseException(@Nullable String tag, String reason) {
        super(reason, null, false, false);
        this.tag = tag;
    }

    /**
     * The tag to answer with.
     *
     * @return the command's tag, or {@code null} for an untagged {@code * BAD}
     */
    public @Nullable String tag() {
        return this.tag;
    }

    /**
     * What to tell the client.
     *
     * @return the reason, one line of printable ASCII
     */
    public String reason() {
        String message = getMessage();
        return (message != null) ? message : "Invalid command";
    }
}
