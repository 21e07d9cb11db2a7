package twisted.mail.imap;

import org.jspecify.annotations.Nullable;

/**
 * A command broke one of the {@link IMAPFraming.Limits}: {@link IMAPFraming} reports it through
 * {@link IMAPFraming.Host#commandRejected} instead of delivering the command. The server answers
 * {@code <tag> BAD [TOOBIG] <reason>} (RFC 4469's response code, the one Dovecot uses); when the
 * command was announcing a synchronising literal, that answer goes out <em>instead of</em> the
 * continuation request, so the client never sends the literal.
 *
 * @since 0.1.0
 */
public final class CommandTooLargeException extends IMAPParseException {

    private static final long serialVersionUID = 1L;

    /** Which limit a command broke. */
    public enum Limit {

        /** {@link IMAPFraming.Limits#maxLineLength()}: the command's text, literals excluded. */
        LINE_LENGTH("Command line too long"),

        /** {@link IMAPFraming.Limits#maxLiteralSize()}: one literal. */
        LITERAL_SIZE("Literal too large"),

        /** {@link IMAPFraming.Limits#maxCommandSize()}: text and literals together. */
        COMMAND_SIZE("Command too large"),

        /** {@link IMAPFraming.Limits#maxLiterals()}: how many literals one command holds. */
        LITERAL_COUNT("Too many literals in command");

        private final String reason;

        Limit(String reason) {
            this.reason = reason;
        }
    }

    private final Limit limit;

    private final long maximum;

    CommandTooLargeException(@Nullable String tag, Limit limit, long maximum) {
        super(tag, limit.reason + " (maximum " + maximum + ")");
        this.limit = limit;
        this.maximum = maximum;
    }

    /**
     * The limit the command broke.
     *
     * @return the limit
     */
    public Limit limit() {
        return this.limit;
    }

    /**
     * The limit's value.
     *
     * @return bytes, or a count for {@link Limit#LITERAL_COUNT}
     */
    public long maximum() {
        return this.maximum;
    }

    /**
     * The response code, ready to send.
     *
     * @return {@code [TOOBIG]}
     */
    public String responseCode() {
        return "[TOOBIG]";
    }
}
