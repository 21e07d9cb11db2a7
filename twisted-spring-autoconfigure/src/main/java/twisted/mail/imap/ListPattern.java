package twisted.mail.imap;

import java.util.regex.Pattern;

/**
 * A {@code LIST} or {@code LSUB} pattern (RFC 3501 section 6.3.8): {@code *} matches anything,
 * {@code %} anything but the hierarchy delimiter. Names match case-sensitively, except that
 * {@code INBOX} at the start matches in any case.
 */
final class ListPattern {

    private final Pattern regex;

    ListPattern(String reference, String pattern, char delimiter) {
        String full = reference + pattern;
        if (full.regionMatches(true, 0, "INBOX", 0, 5)
                && (full.length() == 5 || full.charAt(5) == delimiter || full.charAt(5) == '*' || full.charAt(5) == '%')) {
            full = "INBOX" + full.substring(5);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < full.length(); i++) {
            char c = full.charAt(i);
            if (c == '*' || c == '%') {
                out.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                out.append((c == '*') ? ".*" : "[^" + Pattern.quote(String.valueOf(delimiter)) + "]*");
            }
            else {
                literal.append(c);
            }
        }
        out.append(Pattern.quote(literal.toString()));
        this.regex = Pattern.compile(out.toString(), Pattern.DOTALL);
    }

    boolean matches(String name) {
        return this.regex.matcher(name).matches();
    }
}
