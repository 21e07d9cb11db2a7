package twisted.mail.imap;

/** Line ends in a stored message: CR LF, or a bare LF as files written by other software have. */
final class Lines {

    private Lines() {
    }

    /** After the line that starts at {@code from}: past its LF, or {@code limit}. */
    static int next(byte[] bytes, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    /** Whether {@code from..to} is an empty line: CR LF, LF, or nothing at the very end. */
    static boolean isEmpty(byte[] bytes, int from, int to) {
        int length = to - from;
        return (length == 1 && bytes[from] == '\n') || (length == 2 && bytes[from] == '\r' && bytes[from + 1] == '\n');
    }

    /** The start of the line end (CR LF or LF) that finishes just before {@code at}, or {@code at}. */
    static int beforeLineEnd(byte[] bytes, int floor, int at) {
        if (at > floor && bytes[at - 1] == '\n') {
            return (at - 1 > floor && bytes[at - 2] == '\r') ? at - 2 : at - 1;
        }
        return at;
    }

    /** How many LFs {@code from..to} holds: the line count RFC 3501 gives text parts. */
    static int count(byte[] bytes, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
