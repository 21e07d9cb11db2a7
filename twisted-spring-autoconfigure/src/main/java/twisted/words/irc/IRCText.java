package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import twisted.protocols.basic.Utf8;

/**
 * Cutting text to fit IRC's byte limits without ever cutting a UTF-8 sequence (or a surrogate
 * pair) in two: the 512-byte line limit counts bytes, and a character cut in the middle reaches
 * every reader as garbage.
 *
 * @since 0.1.0
 */
public final class IRCText {

    private IRCText() {
    }

    /**
     * How many bytes a text takes in UTF-8.
     *
     * @param text the text
     * @return its UTF-8 length
     */
    public static int utf8Length(CharSequence text) {
        return Utf8.encodedLength(text);
    }

    /**
     * The longest start of a text that fits in a number of UTF-8 bytes, ending on a character
     * boundary.
     *
     * @param text the text
     * @param maxBytes the room, in bytes
     * @return the text itself if it fits, else its longest fitting start
     */
    public static String truncate(String text, int maxBytes) {
        int end = fit(text, 0, maxBytes);
        return (end == text.length()) ? text : text.substring(0, end);
    }

    /**
     * Splits text into pieces of at most {@code maxBytes} UTF-8 bytes each: first at line breaks
     * ({@code \r\n}, {@code \n} or {@code \r}; empty lines are dropped), then, for a line too long,
     * at the last space that fits (the space itself is dropped), or, in a word longer than the
     * room, at the last character boundary that fits. Twisted: {@code irc.split(str, length)}.
     *
     * @param text the text
     * @param maxBytes the room per piece, in bytes; at least 4, so any character fits
     * @return the pieces, none empty
     * @throws IllegalArgumentException if {@code maxBytes} is less than 4
     */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("maxBytes (" + maxBytes + ") must be at least 4");
        }
        List<String> pieces = new ArrayList<>();
        for (String line : text.split("\r\n|\n|\r")) {
            int start = 0;
            while (start < line.length()) {
                int end = fit(line, start, maxBytes);
                if (end < line.length()) {
                    int space = line.lastIndexOf(' ', end);
                    if (space > start) {
                        pieces.add(line.substring(start, space));
                        start = space + 1;
                        continue;
                    }
                }
                pieces.add(line.substring(start, end));
                start = end;
            }
        }
        return pieces;
    }

    /** The end (exclusive) of the longest run from {@code start} that fits in {@code maxBytes}. */
    private static int fit(String text, int start, int maxBytes) {
        int bytes = 0;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            }
            else if (c < 0x800) {
                width = 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                width = 4;
                chars = 2;
            }
            else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            i += chars;
        }
        return i;
    }

    /**
     * The UTF-8 bytes of a text.
     *
     * @param text the text
     * @return its bytes
     */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
