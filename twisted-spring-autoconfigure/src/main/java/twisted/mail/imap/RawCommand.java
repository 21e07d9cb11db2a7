package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One whole command as the client sent it, its literals read: what {@link IMAPFraming} delivers
 * and {@link IMAPParser} parses. The command's text is cut where each literal stood: line
 * {@code i} is followed by literal {@code i}, and the last line by nothing. The
 * {@code {n}} / {@code {n+}} announcements and the line endings are gone, everything else is as
 * sent. So {@code A1 LOGIN {5}CRLF alice "pw"CRLF} is the lines {@code "A1 LOGIN "} and
 * {@code " \"pw\""} around the literal {@code alice}.
 *
 * <p>{@link #toString()} shows sizes only: a command may carry a password.
 *
 * @param lines the text, one more piece than there are literals, without line endings
 * @param literals the literals' bytes, in order
 * @since 0.1.0
 */
public record RawCommand(List<byte[]> lines, List<byte[]> literals) {

    /** Checks the shape and copies the lists (not the arrays: they belong to the command from now on). */
    public RawCommand {
        lines = List.copyOf(lines);
        literals = List.copyOf(literals);
        if (lines.size() != literals.size() + 1) {
            throw new IllegalArgumentException(
                    "a command has one more line (" + lines.size() + ") than literals (" + literals.size() + ")");
        }
    }

    /**
     * A command without literals.
     *
     * @param line the command line, without its line ending
     * @return the command
     */
    public static RawCommand of(String line) {
        return new RawCommand(List.of(line.getBytes(StandardCharsets.UTF_8)), List.of());
    }

    /**
     * The command's tag if its first line starts with a valid one followed by a space or the end;
     * for answering a command that cannot be parsed.
     *
     * @return the tag, or {@code null}
     */
    public @Nullable String tag() {
        return IMAPParser.tagOf(this.lines.get(0));
    }

    /**
     * The command's size: its text and its literals.
     *
     * @return bytes
     */
    public long size() {
        long size = 0;
        for (byte[] line : this.lines) {
            size += line.length;
        }
        for (byte[] literal : this.literals) {
            size += literal.length;
        }
        return size;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RawCommand command) || command.lines.size() != this.lines.size()) {
            return false;
        }
        for (int i = 0; i < this.lines.size(); i++) {
            if (!java.util.Arrays.equals(this.lines.get(i), command.lines.get(i))) {
                return false;
            }
        }
        for (int i = 0; i < this.literals.size(); i++) {
            if (!java.util.Arrays.equals(this.literals.get(i), command.literals.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (byte[] line : this.lines) {
            hash = 31 * hash + java.util.Arrays.hashCode(line);
        }
        for (byte[] literal : this.literals) {
            hash = 31 * hash + java.util.Arrays.hashCode(literal);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RawCommand[" + Objects.requireNonNullElse(tag(), "?") + ", " + size() + " bytes, "
                + this.literals.size() + " literals]";
    }
}
