package twisted.mail.postgres;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderException;

/**
 * The names the store accepts, with the Maildir store's rules so that a deployment can move from
 * one store to the other: mailboxes are 1 to 64 characters of {@code a-z 0-9 . _ + -} after
 * folding to lower case; folder names are levels separated by {@code .}, with {@code INBOX} in
 * any case as the first level made {@code INBOX}.
 */
final class Names {

    static final char DELIMITER = '.';

    static final String INBOX = "INBOX";

    /** Longest folder name kept, in characters: far above any real hierarchy, small enough for an index. */
    static final int MAX_FOLDER = 1000;

    private static final Pattern MAILBOX = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");

    private static final Map<String, String> SPECIAL_USE = Map.of("Sent", "\\Sent", "Sent Messages", "\\Sent",
            "Drafts", "\\Drafts", "Trash", "\\Trash", "Junk", "\\Junk", "Archive", "\\Archive");

    private Names() {
    }

    /** The mailbox's stored name (lower case), or {@code null} when the name is refused. */
    static @Nullable String mailbox(String name) {
        String folded = name.toLowerCase(Locale.ROOT);
        return MAILBOX.matcher(folded).matches() ? folded : null;
    }

    static String requireMailbox(String name) {
        String mailbox = mailbox(name);
        if (mailbox == null) {
            throw new IllegalArgumentException("mailbox name '" + printable(name)
                    + "' refused: 1 to 64 of a-z 0-9 . _ + -, starting with a letter or digit");
        }
        return mailbox;
    }

    /**
     * The canonical folder name.
     *
     * @throws FolderException ({@code CANNOT}) for an empty name or level, a {@code /}, a control
     *         character, a leading {@code ~}, or more than {@value #MAX_FOLDER} characters
     */
    static String folder(String name) throws FolderException {
        if (name.isEmpty()) {
            throw refused(name, "empty");
        }
        if (name.length() > MAX_FOLDER) {
            throw refused(name, "longer than " + MAX_FOLDER + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '/') {
                throw refused(name, "it holds '/' or a control character");
            }
        }
        if (name.charAt(0) == DELIMITER || name.charAt(name.length() - 1) == DELIMITER
                || name.contains("" + DELIMITER + DELIMITER)) {
            throw refused(name, "a level is empty");
        }
        if (name.charAt(0) == '~') {
            throw refused(name, "it starts with '~'");
        }
        int firstDot = name.indexOf(DELIMITER);
        String first = firstDot < 0 ? name : name.substring(0, firstDot);
        return first.equalsIgnoreCase(INBOX) ? INBOX + name.substring(first.length()) : name;
    }

    static boolean isInbox(String canonical) {
        return INBOX.equals(canonical);
    }

    static @Nullable String parentOf(String canonical) {
        int last = canonical.lastIndexOf(DELIMITER);
        return last < 0 ? null : canonical.substring(0, last);
    }

    static boolean isAtOrBelow(String name, String ancestor) {
        return name.equals(ancestor) || name.startsWith(ancestor + DELIMITER);
    }

    static @Nullable String specialUse(String canonical) {
        return SPECIAL_USE.get(canonical);
    }

    /** A {@code LIKE} pattern matching the folders below {@code canonical}. */
    static String childrenPattern(String canonical) {
        return canonical.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + DELIMITER + "%";
    }

    static String printable(String name) {
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e\\u00a0-\\uffff]", "?");
    }

    static FolderException nonexistent(String canonical) {
        return new FolderException(FolderException.Reason.NONEXISTENT, "no folder " + printable(canonical));
    }

    private static FolderException refused(String name, String why) {
        return new FolderException(FolderException.Reason.CANNOT,
                "folder name '" + printable(name) + "' refused: " + why);
    }
}
