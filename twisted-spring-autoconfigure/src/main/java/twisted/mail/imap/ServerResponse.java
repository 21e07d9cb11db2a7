package twisted.mail.imap;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One response read from an IMAP server by {@link IMAP4Client}: a continuation request
 * ({@code + text}), an untagged response ({@code * ...}) or a tagged completion ({@code A0001 OK
 * ...}).
 *
 * @param tag {@code "+"}, {@code "*"} or the command's tag
 * @param number the number before the keyword ({@code * 23 EXISTS}), or -1
 * @param keyword the keyword in upper case ({@code OK}, {@code NO}, {@code BAD}, {@code BYE},
 *        {@code PREAUTH}, {@code FETCH}, {@code LIST}...), empty for a continuation
 * @param values the parsed rest of a data response: atoms and quoted strings as {@code String},
 *        literals as {@code byte[]}, {@code NIL} as {@code null}, parenthesised lists as
 *        {@code List<Object>}; empty for status responses
 * @param code the response code of a status response without its brackets
 *        ({@code APPENDUID 38505 3955}), or {@code null}
 * @param text the human-readable text of a status response or continuation
 */
record ServerResponse(String tag, long number, String keyword, List<@Nullable Object> values, @Nullable String code,
        String text) {

    boolean continuation() {
        return "+".equals(this.tag);
    }

    boolean untagged() {
        return "*".equals(this.tag);
    }

    /** The first word of the response code in upper case, or the empty string. */
    String codeName() {
        String c = this.code;
        if (c == null) {
            return "";
        }
        int space = c.indexOf(' ');
        return ((space < 0) ? c : c.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
    }
}
