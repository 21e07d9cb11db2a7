package twisted.mail.maildir;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderException;
import twisted.mail.ModifiedUtf7;

/**
 * Folder names and their Maildir++ directories, as Dovecot lays them out
 * ({@code mail_location = maildir:<root>/%u}, separator {@code .}): INBOX is the user's maildir
 * itself; folder {@code Archive.2024} is the directory {@code .Archive.2024} beside INBOX's
 * {@code cur}, its name in modified UTF-7. Names are the decoded (Unicode) IMAP names.
 */
final class FolderNames {

    static final char DELIMITER = '.';

    static final String INBOX = "INBOX";

    /** Longest directory name most file systems allow. */
    private static final int MAX_DIRECTORY = 255;

    /** The special-use attribute (RFC 6154) of the usual top-level names, as Debian's Dovecot configures them. */
    private static final Map<String, String> SPECIAL_USE = Map.of("Sent", "\\Sent", "Sent Messages", "\\Sent",
            "Drafts", "\\Drafts", "Trash", "\\Trash", "Junk", "\\Junk", "Archive", "\\Archive");

    private FolderNames() {
    }

    /**
     * The canonical form of a name: {@code INBOX} in any case becomes {@code INBOX}, also as the
     * first level of a longer name; everything else is kept as given.
     *
     * @throws FolderException ({@code CANNOT}) for a name the store refuses: empty, an empty level
     *         (leading, trailing or doubled delimiter), a {@code /}, a control character, or one too long
     *         for a directory name
     */
    static String canonical(String name) throws FolderException {
        if (name.isEmpty()) {
            throw refused(name, "empty");
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
        String canonical = first.equalsIgnoreCase(INBOX) ? INBOX + name.substring(first.length()) : name;
        if (!isInbox(canonical) && directoryOf(canonical).length() > MAX_DIRECTORY) {
            throw refused(name, "longer than a directory name may be");
        }
        return canonical;
    }

    static boolean isInbox(String canonical) {
        return INBOX.equals(canonical);
    }

    /**
     * The directory of a canonical name, relative to the user's maildir: empty for INBOX,
     * {@code .<modified UTF-7 name>} otherwise.
     */
    static String directoryOf(String canonical) {
        return isInbox(canonical) ? "" : "." + ModifiedUtf7.encode(canonical);
    }

    /**
     * The folder name of a directory in the user's maildir, or {@code null} when the directory is
     * not a folder ({@code .}, {@code ..}, not a dot directory, or a name that does not decode).
     */
    static @Nullable String nameOf(String directory) {
        if (directory.length() < 2 || directory.charAt(0) != '.' || directory.equals("..")) {
            return null;
        }
        String decoded = decodedOrNull(directory.substring(1));
        if (decoded == null) {
            return null;
        }
        try {
            String canonical = canonical(decoded);
            return isInbox(canonical) ? null : canonical;
        }
        catch (FolderException ex) {
            return null;
        }
    }

    /** The parent's name, or {@code null} at the top level. */
    static @Nullable String parentOf(String canonical) {
        int last = canonical.lastIndexOf(DELIMITER);
        return last < 0 ? null : canonical.substring(0, last);
    }

    /** Whether {@code name} is {@code ancestor} or below it. */
    static boolean isAtOrBelow(String name, String ancestor) {
        return name.equals(ancestor) || name.startsWith(ancestor + DELIMITER);
    }

    static @Nullable String specialUse(String canonical) {
        return SPECIAL_USE.get(canonical);
    }

    /** The name as the subscriptions file holds it (Dovecot 2.3): levels in modified UTF-7, separated by tabs. */
    static String subscriptionForm(String canonical) {
        return ModifiedUtf7.encode(canonical).replace(DELIMITER, '\t');
    }

    static @Nullable String fromSubscriptionForm(String line) {
        String decoded = decodedOrNull(line.replace('\t', DELIMITER));
        if (decoded == null) {
            return null;
        }
        try {
            return canonical(decoded);
        }
        catch (FolderException ex) {
            return null;
        }
    }

    static String printable(String name) {
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }

    private static FolderException refused(String name, String why) {
        return new FolderException(FolderException.Reason.CANNOT,
                "folder name '" + printable(name) + "' refused: " + why);
    }

    /** A name in modified UTF-7 decoded, or {@code null} when it is not spelled as an encoder would. */
    private static @Nullable String decodedOrNull(String encoded) {
        try {
            return ModifiedUtf7.decode(encoded);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
