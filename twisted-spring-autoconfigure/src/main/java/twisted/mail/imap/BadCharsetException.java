package twisted.mail.imap;

import java.util.List;

/**
 * {@code SEARCH CHARSET} named a charset the server does not search in. Unlike other parse errors
 * the server answers {@code <tag> NO [BADCHARSET (US-ASCII UTF-8)] <reason>} (RFC 3501 section
 * 6.4.4), so the client can retry with one of {@link #supported()}.
 *
 * @since 0.1.0
 */
public final class BadCharsetException extends IMAPParseException {

    private static final long serialVersionUID = 1L;

    /** The charsets {@code SEARCH} accepts, as the {@code BADCHARSET} response code lists them. */
    public static final List<String> SUPPORTED = List.of("US-ASCII", "UTF-8");

    BadCharsetException(String tag) {
        super(tag, "Unsupported search charset");
    }

    /**
     * The charsets to list in the {@code BADCHARSET} response code.
     *
     * @return {@code US-ASCII} and {@code UTF-8}
     */
    public List<String> supported() {
        return SUPPORTED;
    }

    /**
     * The response code, ready to send: {@code [BADCHARSET (US-ASCII UTF-8)]}.
     *
     * @return the bracketed response code
     */
    public String responseCode() {
        return "[BADCHARSET (" + String.join(" ", SUPPORTED) + ")]";
    }
}
