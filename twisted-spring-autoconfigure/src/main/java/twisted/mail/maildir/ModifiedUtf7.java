package twisted.mail.maildir;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * IMAP's modified UTF-7 (RFC 3501 5.1.3), the encoding Dovecot gives folder names on disk:
 * printable ASCII as itself, {@code &} as {@code &-}, anything else as UTF-16 in modified base64
 * ({@code ,} for {@code /}, no padding) between {@code &} and {@code -}.
 *
 * <p>A private copy for the Maildir store until the IMAP server's utility is merged (then this one
 * goes).
 */
final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private ModifiedUtf7() {
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && (text.charAt(end) < 0x20 || text.charAt(end) > 0x7e)) {
                end++;
            }
            byte[] utf16 = text.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
            out.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            i = end;
        }
        return out.toString();
    }

    /**
     * Decodes a name.
     *
     * @return the text, or {@code null} if it is not valid modified UTF-7 (a bare non-ASCII
     *         character, an unterminated or empty shift, bad base64, or a shift that encodes
     *         printable ASCII)
     */
    static @Nullable String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = encoded.indexOf('-', i + 1);
            if (end < 0) {
                return null;
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            String shifted = decodeShift(encoded.substring(i + 1, end));
            if (shifted == null) {
                return null;
            }
            out.append(shifted);
            i = end + 1;
        }
        return out.toString();
    }

    private static @Nullable String decodeShift(String base64) {
        if (base64.indexOf('/') >= 0 || base64.indexOf('=') >= 0) {
            return null;
        }
        byte[] utf16;
        try {
            utf16 = Base64.getDecoder().decode(base64.replace(',', '/'));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        if (utf16.length % 2 != 0) {
            return null;
        }
        String text = new String(utf16, StandardCharsets.UTF_16BE);
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c <= 0x7e) {
                return null;
            }
        }
        return text;
    }
}
