package twisted.mail.imap;

import java.util.ArrayList;
import java.util.List;

import twisted.mail.imap.CommandReader.Syntax;

/**
 * Message flags as {@code STORE} and {@code APPEND} take them (RFC 3501 section 2.3.2): the system
 * flags, spelt canonically whatever case the client used, and keywords (atoms, kept as sent).
 * {@code \Recent} is the server's to set, and {@code \*} appears only in {@code PERMANENTFLAGS}:
 * both are refused, as are unknown system flags, as Dovecot does.
 */
final class Flags {

    static final String SEEN = "\\Seen";

    static final String ANSWERED = "\\Answered";

    static final String FLAGGED = "\\Flagged";

    static final String DELETED = "\\Deleted";

    static final String DRAFT = "\\Draft";

    static final String RECENT = "\\Recent";

    private static final List<String> STORABLE = List.of(SEEN, ANSWERED, FLAGGED, DELETED, DRAFT);

    private Flags() {
    }

    /** One flag. */
    static String flag(CommandReader in) {
        if (!in.skip('\\')) {
            return in.atom();
        }
        if (in.peek() == '*') {
            throw new Syntax("\\* is not a flag");
        }
        String name = in.atom();
        for (String flag : STORABLE) {
            if (flag.substring(1).equalsIgnoreCase(name)) {
                return flag;
            }
        }
        if (name.equalsIgnoreCase("Recent")) {
            throw new Syntax("\\Recent cannot be set");
        }
        throw new Syntax("Unknown system flag");
    }

    /** {@code "(" [flag *(SP flag)] ")"}, each flag once (keywords compared ignoring case). */
    static List<String> list(CommandReader in) {
        return distinct(in.list(() -> flag(in), true));
    }

    /** {@code flag *(SP flag)} without parentheses ({@code STORE} takes that too). */
    static List<String> bare(CommandReader in) {
        List<String> flags = new ArrayList<>();
        do {
            flags.add(flag(in));
        }
        while (in.skip(' '));
        return distinct(flags);
    }

    private static List<String> distinct(List<String> flags) {
        List<String> kept = new ArrayList<>();
        for (String flag : flags) {
            if (kept.stream().noneMatch(flag::equalsIgnoreCase)) {
                kept.add(flag);
            }
        }
        return kept;
    }
}
