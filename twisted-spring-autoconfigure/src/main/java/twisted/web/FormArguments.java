package twisted.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Parses a query string or an {@code application/x-www-form-urlencoded} body into arguments the
 * way Twisted does ({@code parse_qs} with blank values kept), never failing on what a client sent:
 * a name without {@code =} has the empty value ({@code ?flag} gives {@code flag=[""]}), {@code +}
 * is a space, and a malformed {@code %} escape stays as sent. WebFlux's own parsing gives a
 * {@code null} value for the first and throws for the last, which had made such a request a 500
 * with an ERROR log line.
 */
final class FormArguments {

    private FormArguments() {
    }

    /**
     * The arguments, in order.
     *
     * @param encoded the query (without {@code ?}) or the body
     * @param charset what the decoded bytes are in
     * @return the arguments by name; never a {@code null} value
     */
    static MultiValueMap<String, String> parse(String encoded, Charset charset) {
        MultiValueMap<String, String> args = new LinkedMultiValueMap<>();
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                int equals = encoded.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    args.add(decode(encoded, start, end, charset), "");
                }
                else {
                    args.add(decode(encoded, start, equals, charset), decode(encoded, equals + 1, end, charset));
                }
            }
            start = end + 1;
        }
        return args;
    }

    private static String decode(String encoded, int from, int to, Charset charset) {
        ByteArrayOutputStream bytes = null;
        for (int i = from; i < to; i++) {
            char c = encoded.charAt(i);
            if (c == '+' || c == '%') {
                bytes = new ByteArrayOutputStream(to - from);
                break;
            }
        }
        if (bytes == null) {
            return encoded.substring(from, to);
        }
        int i = from;
        while (i < to) {
            char c = encoded.charAt(i);
            int high = (c == '%') ? hex(encoded, i + 1, to) : -1;
            int low = (high >= 0) ? hex(encoded, i + 2, to) : -1;
            if (high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 3;
            }
            else if (c == '+') {
                bytes.write(' ');
                i++;
            }
            else {
                // a character as sent (a malformed escape included), in the charset
                int next = (Character.isHighSurrogate(c) && i + 1 < to) ? i + 2 : i + 1;
                bytes.writeBytes(encoded.substring(i, next).getBytes(charset));
                i = next;
            }
        }
        return bytes.toString(charset);
    }

    private static int hex(String encoded, int index, int to) {
        return (index < to) ? Character.digit(encoded.charAt(index), 16) : -1;
    }
}
