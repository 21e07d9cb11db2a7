package twisted.mail.imap;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Writes text as an IMAP {@code string}, {@code nstring} or {@code astring} (RFC 3501 section
 * 4.3 and 9): a quoted string when the grammar allows one, a literal otherwise. Every response
 * that carries text from a message or a client ({@code ENVELOPE}, {@code BODYSTRUCTURE},
 * mailbox names, {@code SEARCH} charsets) goes through here, so that one place decides.
 *
 * <p>A quoted string holds only 7-bit characters other than CR, LF and NUL, with {@code "} and
 * {@code \} escaped by a backslash. Anything else (8-bit text, line breaks) becomes a literal
 * {@code {n}\r\n...}, where {@code n} counts the octets of the text in UTF-8: the result is meant
 * to be sent as UTF-8. Thread-safe (no state).
 *
 * @since 0.1.0
 */
public final class IMAPStrings {

    private IMAPStrings() {
    }

    /**
     * The text as a {@code string}: quoted, or a literal when quoting cannot carry it.
     *
     * @param text the text
     * @return for example {@code "a \"b\""} or <code>{2}\r\nzö</code>
     */
    public static String string(String text) {
        if (!quotable(text)) {
            return "{" + text.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + text;
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /**
     * The text as an {@code nstring}: {@code NIL} for {@code null}, else {@link #string}.
     *
     * @param text the text, or {@code null}
     * @return {@code NIL} or the string
     */
    public static String nstring(@Nullable String text) {
        return (text != null) ? string(text) : "NIL";
    }

    /**
     * The text as an {@code astring}: a bare atom when every character is an {@code ASTRING-CHAR}
     * (and the text is not {@code NIL}, which a reader would take for nothing), else {@link #string}.
     *
     * @param text the text
     * @return for example {@code INBOX} or {@code "My Folder"}
     */
    public static String astring(String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("NIL")) {
            return string(text);
        }
        for (int i = 0; i < text.length(); i++) {
            if (!astringChar(text.charAt(i))) {
                return string(text);
            }
        }
        return text;
    }

    /** Whether a quoted string can carry the text: 7-bit, no CR, LF or NUL. */
    static boolean quotable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean astringChar(char c) {
        return c > 0x20 && c < 0x7f && "(){%*\"\\".indexOf(c) < 0;
    }
}
