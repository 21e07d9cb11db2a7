package twisted.mail.smtp;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One reply of an SMTP server as the client read it (RFC 5321 section 4.2): the three-digit code,
 * the RFC 3463 enhanced status code when the first line starts with one (RFC 2034), and the text of
 * each line without the code. A multi-line reply ({@code 250-...}, then {@code 250 ...}) is one
 * reply.
 *
 * @param code the reply code, 200 to 599
 * @param enhancedCode such as {@code 2.1.5}, or {@code null} when the reply has none
 * @param lines the text of each line, without the code, the separator and the enhanced code of
 *        the first line; at least one (possibly empty)
 * @since 0.1.0
 */
public record SMTPReply(int code, @Nullable String enhancedCode, List<String> lines) {

    /**
     * Checks the parts.
     */
    public SMTPReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code " + code + " is not between 200 and 599");
        }
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    /**
     * The text of every line, joined with a space: for messages and logs.
     *
     * @return the text
     */
    public String text() {
        return String.join(" ", this.lines);
    }

    /**
     * Whether this is a positive completion reply ({@code 2xx}).
     *
     * @return {@code true} for 200 to 299
     */
    public boolean isPositive() {
        return this.code < 300;
    }

    /** The reply as a server would write its first line: code, enhanced code and all the text. */
    @Override
    public String toString() {
        return this.code + ((this.enhancedCode != null) ? " " + this.enhancedCode : "") + " " + text();
    }
}
