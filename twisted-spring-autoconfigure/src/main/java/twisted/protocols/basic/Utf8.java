package twisted.protocols.basic;

/**
 * The length of text in UTF-8 without encoding it: what a byte limit (an IRC line, a message on a
 * cluster bus) is checked against before the text is sent.
 *
 * @since 0.1.0
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * How many bytes a text takes in UTF-8: 1 to 3 a character, 4 a surrogate pair. An unpaired
     * surrogate counts 3, the most an encoder writes for it (Java's writes {@code ?}, 1), so
     * a limit checked with this is never exceeded on the wire.
     *
     * @param text the text
     * @return its UTF-8 length
     */
    public static int encodedLength(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            }
            else if (c < 0x800) {
                bytes += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            }
            else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
