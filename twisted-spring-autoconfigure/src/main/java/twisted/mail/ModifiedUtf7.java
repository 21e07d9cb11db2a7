package twisted.mail;

import java.io.ByteArrayOutputStream;

/**
 * Modified UTF-7, the encoding of international mailbox names on the wire (RFC 3501 section
 * 5.1.3): printable ASCII stands for itself except {@code &}, written {@code &-}; any other run of
 * characters is written {@code &}, then its UTF-16 in base64 with {@code ,} for {@code /} and no
 * padding, then {@code -}. So {@code "Entwürfe"} is {@code "Entw&APw-rfe"}.
 *
 * <p>{@link #decode} accepts only what {@link #encode} could have written, since two spellings of
 * one name would let a client create look-alike mailboxes: it refuses raw non-ASCII and control
 * characters, a shift that is never closed, base64 for characters that stand for themselves,
 * two encoded runs back to back ({@code -&}, the "null shift" RFC 3501 forbids), leftover bits
 * that are not zero, and unpaired surrogates.
 *
 * @since 0.1.0
 */
public final class ModifiedUtf7 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    private ModifiedUtf7() {
    }

    /**
     * Encodes a mailbox name for the wire.
     *
     * @param name any string; unpaired surrogates are encoded as they are
     * @return the name in modified UTF-7, printable ASCII only
     */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '&') {
                out.append("&-");
                i++;
            }
            else if (c >= 0x20 && c <= 0x7E) {
                out.append(c);
                i++;
            }
            else {
                int end = i;
                while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7E)) {
                    end++;
                }
                out.append('&');
                base64(name, i, end, out);
                out.append('-');
                i = end;
            }
        }
        return out.toString();
    }

    private static void base64(String name, int from, int to, StringBuilder out) {
        int bits = 0;
        int buffered = 0;
        for (int i = from; i < to; i++) {
            bits = (bits << 16) | name.charAt(i);
            buffered += 16;
            while (buffered >= 6) {
                buffered -= 6;
                out.append(ALPHABET.charAt((bits >>> buffered) & 0x3F));
            }
            bits &= (1 << buffered) - 1;
        }
        if (buffered > 0) {
            out.append(ALPHABET.charAt((bits << (6 - buffered)) & 0x3F));
        }
    }

    /**
     * Decodes a mailbox name from the wire.
     *
     * @param wire the name as the client sent it
     * @return the name
     * @throws IllegalArgumentException when {@code wire} is not modified UTF-7 as {@link #encode}
     *         writes it, with a short reason that does not repeat the name
     */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        boolean afterRun = false;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("Mailbox name holds a character that is not printable ASCII");
            }
            if (c != '&') {
                out.append(c);
                i++;
                afterRun = false;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("Mailbox name has an unterminated & shift");
            }
            if (end == i + 1) {
                out.append('&');
                afterRun = false;
            }
            else {
                if (afterRun) {
                    throw new IllegalArgumentException("Mailbox name has two encoded runs back to back");
                }
                decodeRun(wire, i + 1, end, out);
                afterRun = true;
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static void decodeRun(String wire, int from, int to, StringBuilder out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int bits = 0;
        int buffered = 0;
        for (int i = from; i < to; i++) {
            int value = ALPHABET.indexOf(wire.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("Mailbox name has an invalid character in an & shift");
            }
            bits = (bits << 6) | value;
            buffered += 6;
            if (buffered >= 8) {
                buffered -= 8;
                bytes.write((bits >>> buffered) & 0xFF);
                bits &= (1 << buffered) - 1;
            }
        }
        byte[] utf16 = bytes.toByteArray();
        if (bits != 0 || buffered >= 6 || utf16.length % 2 != 0) {
            throw new IllegalArgumentException("Mailbox name has a malformed & shift");
        }
        int start = out.length();
        for (int b = 0; b < utf16.length; b += 2) {
            char c = (char) (((utf16[b] & 0xFF) << 8) | (utf16[b + 1] & 0xFF));
            if (c >= 0x20 && c <= 0x7E) {
                throw new IllegalArgumentException("Mailbox name encodes printable ASCII in an & shift");
            }
            out.append(c);
        }
        for (int k = start; k < out.length(); k++) {
            char c = out.charAt(k);
            if (Character.isHighSurrogate(c)) {
                if (k + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(k + 1))) {
                    throw new IllegalArgumentException("Mailbox name has an unpaired surrogate");
                }
                k++;
            }
            else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("Mailbox name has an unpaired surrogate");
            }
        }
    }
}
