package twisted.conch;

import java.util.Map;
import java.util.Objects;

/**
 * The pseudo-terminal a client asked for (RFC 4254, section 6.2): its type, size and modes. A
 * session with one is interactive: the client sends keystrokes raw and expects the server to echo
 * and edit ({@link twisted.conch.recvline}).
 *
 * @param type the terminal type, the client's {@code TERM}, such as {@code xterm-256color}
 * @param columns its width in characters
 * @param rows its height in lines
 * @param modes the terminal modes the client sent, by their RFC 4254 names (such as {@code ECHO})
 * @since 0.1.0
 */
public record Terminal(String type, int columns, int rows, Map<String, Integer> modes) {

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException for a negative size
     */
    public Terminal {
        Objects.requireNonNull(type, "type");
        if (columns < 0 || rows < 0) {
            throw new IllegalArgumentException("a terminal of " + columns + "x" + rows);
        }
        modes = Map.copyOf(modes);
    }
}
