package twisted.mail.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Collects reply lines into {@link SMTPReply}s (RFC 5321 section 4.2): {@code ddd-text} lines
 * continue a reply, a {@code ddd text} (or bare {@code ddd}) line ends it; every line of one reply
 * carries the same code. An RFC 2034 enhanced code at the start of a line's text is taken off it
 * (the first line's is the reply's). Anything else, and more than {@link #MAX_LINES} lines, is a
 * {@link SMTPProtocolError}. The length of one line is bounded by the line framing.
 */
final class ReplyParser {

    /** The most lines one reply may have (an EHLO reply has a dozen). */
    static final int MAX_LINES = 100;

    /** The longest reply line accepted, without CR LF (RFC 5321 section 4.5.3.1.5 says 512 with it). */
    static final int MAX_LINE_LENGTH = 2048;

    private static final Pattern ENHANCED = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})(?: |$)");

    private final List<String> lines = new ArrayList<>();

    private int code;

    private @Nullable String enhancedCode;

    /**
     * Takes one line.
     *
     * @param line the line without its CR LF
     * @return the reply it completes, or {@code null} when more lines are to come
     * @throws SMTPProtocolError when the line is not a reply line or breaks a limit
     */
    @Nullable SMTPReply lineReceived(String line) throws SMTPProtocolError {
        if (line.length() < 3 || !digits(line) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
            throw malformed("not an SMTP reply line", line);
        }
        int lineCode = Integer.parseInt(line.substring(0, 3));
        if (lineCode < 200 || lineCode > 599) {
            throw malformed("reply code out of range", line);
        }
        if (!this.lines.isEmpty() && lineCode != this.code) {
            throw malformed("reply code changed within a multi-line reply", line);
        }
        if (this.lines.size() == MAX_LINES) {
            throw new SMTPProtocolError("reply longer than " + MAX_LINES + " lines");
        }
        String text = (line.length() > 4) ? line.substring(4) : "";
        Matcher m = ENHANCED.matcher(text);
        if (m.lookingAt() && m.group(1).charAt(0) == line.charAt(0)) {
            if (this.lines.isEmpty()) {
                this.enhancedCode = m.group(1) + "." + m.group(2) + "." + m.group(3);
            }
            text = text.substring(m.end());
        }
        this.code = lineCode;
        this.lines.add(text);
        if (line.length() > 3 && line.charAt(3) == '-') {
            return null;
        }
        SMTPReply reply = new SMTPReply(this.code, this.enhancedCode, this.lines);
        this.lines.clear();
        this.enhancedCode = null;
        return reply;
    }

    /**
     * Whether a reply has begun and not ended.
     *
     * @return {@code true} between a continuation line and the last line
     */
    boolean inReply() {
        return !this.lines.isEmpty();
    }

    private static boolean digits(String line) {
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static SMTPProtocolError malformed(String what, String line) {
        String shown = (line.length() > 40) ? line.substring(0, 40) + "..." : line;
        StringBuilder printable = new StringBuilder();
        shown.codePoints().forEach(c -> printable.append((c < 0x20 || c == 0x7F) ? '?' : (char) c));
        return new SMTPProtocolError("malformed reply (" + what + "): \"" + printable + "\"");
    }
}
