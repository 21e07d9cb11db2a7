package twisted.conch.recvline;

/**
 * Turns the bytes a terminal sends into keys: UTF-8 characters, control keys and the escape
 * sequences of the cursor and editing keys (ECMA-48 CSI {@code ESC [ ... final} and SS3
 * {@code ESC O final}, as xterm and the Linux console send them). Bytes may arrive split anywhere,
 * inside a sequence or a character: the state survives between calls.
 *
 * <p>Nothing unknown leaks through as text: an unknown or overlong sequence is swallowed up to its
 * final byte (keeping no more than {@link #MAX_SEQUENCE} bytes of it), ESC followed by a printable
 * ASCII character (Alt and a key) is swallowed whole, malformed UTF-8 and C1 controls are dropped.
 * A lone ESC key press therefore joins the key after it, as in Emacs; there is no timeout.
 * CR, LF and CR LF each make one {@link Key#ENTER}.
 */
final class KeyDecoder {

    /** The longest CSI parameter part kept; a longer sequence is skipped to its final byte. */
    static final int MAX_SEQUENCE = 16;

    private static final int ESC = 0x1b;

    /** Control bytes 0x00 to 0x1f: the key each one is, or {@code null} when it is ignored. */
    private static final Key[] CONTROL = new Key[0x20];

    static {
        CONTROL[0x01] = Key.HOME;
        CONTROL[0x02] = Key.LEFT;
        CONTROL[0x03] = Key.INTERRUPT;
        CONTROL[0x04] = Key.END_OF_INPUT;
        CONTROL[0x05] = Key.END;
        CONTROL[0x06] = Key.RIGHT;
        CONTROL[0x08] = Key.BACKSPACE;
        CONTROL[0x0a] = Key.ENTER;
        CONTROL[0x0b] = Key.KILL_TO_END;
        CONTROL[0x0c] = Key.REDRAW;
        CONTROL[0x0d] = Key.ENTER;
        CONTROL[0x0e] = Key.DOWN;
        CONTROL[0x10] = Key.UP;
        CONTROL[0x15] = Key.KILL_LINE;
        CONTROL[0x17] = Key.KILL_WORD;
    }

    /** The keys the line editor acts on. */
    enum Key {
        ENTER, BACKSPACE, DELETE, LEFT, RIGHT, UP, DOWN, HOME, END, INTERRUPT, END_OF_INPUT, KILL_LINE,
        KILL_WORD, KILL_TO_END, REDRAW
    }

    /** Where the decoded keys go. */
    interface Keys {

        /**
         * A printable character was typed.
         *
         * @param codePoint the character, never a control character
         */
        void character(int codePoint);

        /**
         * An editing key was pressed.
         *
         * @param key the key
         */
        void key(Key key);
    }

    private enum State {
        GROUND, ESCAPE, CSI, SS3, SKIP, UTF8
    }

    private final Keys keys;

    private State state = State.GROUND;

    private final StringBuilder parameters = new StringBuilder(MAX_SEQUENCE);

    private boolean afterCr;

    private int codePoint;

    private int remaining;

    private int lowest;

    private int highest;

    KeyDecoder(Keys keys) {
        this.keys = keys;
    }

    /**
     * Decodes bytes, calling the listener for each key they complete.
     *
     * @param data the bytes
     */
    void feed(byte[] data) {
        for (byte b : data) {
            accept(b & 0xff);
        }
    }

    private void accept(int b) {
        switch (this.state) {
            case GROUND -> ground(b);
            case ESCAPE -> escape(b);
            case CSI -> csi(b);
            case SS3 -> ss3(b);
            case SKIP -> skip(b);
            case UTF8 -> utf8(b);
        }
    }

    private void ground(int b) {
        boolean wasCr = this.afterCr;
        this.afterCr = false;
        if (b == ESC) {
            this.state = State.ESCAPE;
        }
        else if (b == 0x7f) {
            this.keys.key(Key.BACKSPACE);
        }
        else if (b < 0x20) {
            if (b == '\n' && wasCr) {
                return;
            }
            this.afterCr = b == '\r';
            Key key = CONTROL[b];
            if (key != null) {
                this.keys.key(key);
            }
        }
        else if (b < 0x80) {
            this.keys.character(b);
        }
        else {
            startUtf8(b);
        }
    }

    private void escape(int b) {
        if (b == '[') {
            this.parameters.setLength(0);
            this.state = State.CSI;
        }
        else if (b == 'O') {
            this.state = State.SS3;
        }
        else if (b == ESC) {
            // ESC ESC [ A: some terminals send Alt+arrow so; the first ESC is dropped.
            this.state = State.ESCAPE;
        }
        else {
            this.state = State.GROUND;
            if (b < 0x20 || b >= 0x7f) {
                // A lone ESC, then a control key or a non-ASCII character: only the ESC is dropped.
                ground(b);
            }
            // ESC and a printable ASCII character is Alt and that key: swallowed.
        }
    }

    private void csi(int b) {
        if (b >= 0x20 && b <= 0x3f) {
            if (this.parameters.length() == MAX_SEQUENCE) {
                this.state = State.SKIP;
            }
            else {
                this.parameters.append((char) b);
            }
        }
        else if (b >= 0x40 && b <= 0x7e) {
            this.state = State.GROUND;
            Key key = csiKey(this.parameters, b);
            if (key != null) {
                this.keys.key(key);
            }
        }
        else {
            // Not part of a sequence: the sequence is dropped, the byte counts on its own.
            this.state = State.GROUND;
            ground(b);
        }
    }

    private void ss3(int b) {
        if (b >= 0x40 && b <= 0x7e) {
            this.state = State.GROUND;
            Key key = cursorKey(b);
            if (key != null) {
                this.keys.key(key);
            }
        }
        else if (b >= 0x20 && b <= 0x3f) {
            this.state = State.SKIP;
        }
        else {
            this.state = State.GROUND;
            ground(b);
        }
    }

    private void skip(int b) {
        if (b >= 0x40 && b <= 0x7e) {
            this.state = State.GROUND;
        }
        else if (b < 0x20 || b > 0x7e) {
            this.state = State.GROUND;
            ground(b);
        }
    }

    private static Key csiKey(CharSequence parameters, int finalByte) {
        if (finalByte == '~') {
            return switch (parameters.toString()) {
                case "1", "7" -> Key.HOME;
                case "4", "8" -> Key.END;
                case "3" -> Key.DELETE;
                default -> null;
            };
        }
        // With parameters (ESC [ 1 ; 5 C is Ctrl+Right) it is a key this editor does not know.
        return parameters.isEmpty() ? cursorKey(finalByte) : null;
    }

    private static Key cursorKey(int finalByte) {
        return switch (finalByte) {
            case 'A' -> Key.UP;
            case 'B' -> Key.DOWN;
            case 'C' -> Key.RIGHT;
            case 'D' -> Key.LEFT;
            case 'H' -> Key.HOME;
            case 'F' -> Key.END;
            default -> null;
        };
    }

    /** Starts a multi-byte character (RFC 3629 table 3-7 ranges), or drops an impossible lead byte. */
    private void startUtf8(int b) {
        this.lowest = 0x80;
        this.highest = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            this.remaining = 1;
            this.codePoint = b & 0x1f;
        }
        else if (b >= 0xe0 && b <= 0xef) {
            this.remaining = 2;
            this.codePoint = b & 0x0f;
            if (b == 0xe0) {
                this.lowest = 0xa0;
            }
            else if (b == 0xed) {
                this.highest = 0x9f;
            }
        }
        else if (b >= 0xf0 && b <= 0xf4) {
            this.remaining = 3;
            this.codePoint = b & 0x07;
            if (b == 0xf0) {
                this.lowest = 0x90;
            }
            else if (b == 0xf4) {
                this.highest = 0x8f;
            }
        }
        else {
            return;
        }
        this.state = State.UTF8;
    }

    private void utf8(int b) {
        if (b < this.lowest || b > this.highest) {
            // A truncated character: dropped, and the byte starts afresh.
            this.state = State.GROUND;
            ground(b);
            return;
        }
        this.codePoint = (this.codePoint << 6) | (b & 0x3f);
        this.lowest = 0x80;
        this.highest = 0xbf;
        if (--this.remaining == 0) {
            this.state = State.GROUND;
            if (this.codePoint >= 0xa0) {
                this.keys.character(this.codePoint);
            }
        }
    }
}
