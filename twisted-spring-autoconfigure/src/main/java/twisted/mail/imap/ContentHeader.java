package twisted.mail.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code Content-Type} or {@code Content-Disposition} value (RFC 2045 section 5.1, RFC
 * 2183): the value before the first {@code ;} and the parameters after it, in order, names and
 * values as written (a quoted value unquoted). Lenient: a parameter without {@code =} is dropped,
 * comments are skipped, nothing throws. RFC 2231 continuations are passed through as written.
 *
 * @param value {@code text/plain}, {@code attachment}, ...; empty when missing
 * @param parameters name, value, name, value, ...
 */
record ContentHeader(String value, List<String> parameters) {

    ContentHeader {
        parameters = List.copyOf(parameters);
    }

    static ContentHeader parse(String text) {
        Scanner in = new Scanner(text);
        String value = in.until(';').strip();
        List<String> parameters = new ArrayList<>();
        while (in.skip(';')) {
            String name = in.until('=', ';').strip();
            if (!in.skip('=')) {
                continue;
            }
            String parameter = in.parameterValue();
            if (!name.isEmpty() && !name.contains(" ")) {
                parameters.add(name);
                parameters.add(parameter);
            }
        }
        return new ContentHeader(value, parameters);
    }

    /** The value of a parameter, the name compared without case. */
    @Nullable String parameter(String name) {
        for (int i = 0; i < this.parameters.size(); i += 2) {
            if (this.parameters.get(i).equalsIgnoreCase(name)) {
                return this.parameters.get(i + 1);
            }
        }
        return null;
    }

    /** The type before the slash, in lower case, or empty. */
    String type() {
        int slash = this.value.indexOf('/');
        return (slash < 0) ? "" : this.value.substring(0, slash).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the value is a {@code type/subtype} with both halves tokens. */
    boolean isMediaType() {
        int slash = this.value.indexOf('/');
        return slash > 0 && slash < this.value.length() - 1 && this.value.indexOf('/', slash + 1) < 0
                && !this.value.contains(" ") && !this.value.contains("\"");
    }

    /** The characters of a header value, with the RFC 2045 token rules. */
    private static final class Scanner {

        private final String text;

        private int at;

        Scanner(String text) {
            this.text = text;
        }

        boolean skip(char c) {
            skipBlanks();
            if (this.at < this.text.length() && this.text.charAt(this.at) == c) {
                this.at++;
                return true;
            }
            return false;
        }

        /** Up to one of the stops, skipping comments and quoted strings whole. */
        String until(char... stops) {
            StringBuilder out = new StringBuilder();
            while (this.at < this.text.length()) {
                char c = this.text.charAt(this.at);
                if (String.valueOf(stops).indexOf(c) >= 0) {
                    break;
                }
                if (c == '(') {
                    comment();
                    continue;
                }
                out.append(c);
                this.at++;
            }
            return out.toString();
        }

        String parameterValue() {
            skipBlanks();
            if (this.at < this.text.length() && this.text.charAt(this.at) == '"') {
                this.at++;
                StringBuilder out = new StringBuilder();
                while (this.at < this.text.length()) {
                    char c = this.text.charAt(this.at++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\' && this.at < this.text.length()) {
                        c = this.text.charAt(this.at++);
                    }
                    out.append(c);
                }
                until(';');
                return out.toString();
            }
            return until(';').strip();
        }

        private void comment() {
            int depth = 0;
            while (this.at < this.text.length()) {
                char c = this.text.charAt(this.at++);
                if (c == '\\') {
                    this.at++;
                }
                else if (c == '(') {
                    depth++;
                }
                else if (c == ')' && --depth == 0) {
                    return;
                }
            }
        }

        private void skipBlanks() {
            while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
                this.at++;
            }
        }
    }
}
