package twisted.mail.postgres;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderException;
import twisted.mail.FolderHierarchy;

/**
 * The names the store accepts, with the Maildir store's rules so that a deployment can move from
 * one store to the other: mailboxes are 1 to 64 characters of {@code a-z 0-9 . _ + -} after
 * folding to lower case; folder names follow {@link FolderHierarchy}, up to
 * {@value #MAX_FOLDER} characters.
 */
final class Names {

    /** Longest folder name kept, in characters: far above any real hierarchy, small enough for an index. */
    static final int MAX_FOLDER = 1000;

    private static final Pattern MAILBOX = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");

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
            throw new IllegalArgumentException("mailbox name '" + FolderHierarchy.printable(name)
                    + "' refused: 1 to 64 of a-z 0-9 . _ + -, starting with a letter or digit");
        }
        return mailbox;
    }

    /**
     * The canonical folder name ({@link FolderHierarchy#canonical}).
     *
     * @throws FolderException ({@code CANNOT}) for more than {@value #MAX_FOLDER} characters, or a
     *         name {@link FolderHierarchy#refusal refused} by every store
     */
    static String folder(String name) throws FolderException {
        if (name.length() > MAX_FOLDER) {
            throw refused(name, "longer than " + MAX_FOLDER + " characters");
        }
        String refusal = FolderHierarchy.refusal(name);
        if (refusal != null) {
            throw refused(name, refusal);
        }
        return FolderHierarchy.canonical(name);
    }

    /** A {@code LIKE} pattern matching the folders below {@code canonical}. */
    static String childrenPattern(String canonical) {
        return canonical.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + FolderHierarchy.DELIMITER
                + "%";
    }

    static FolderException nonexistent(String canonical) {
        return new FolderException(FolderException.Reason.NONEXISTENT,
                "no folder " + FolderHierarchy.printable(canonical));
    }

    private static FolderException refused(String name, String why) {
        return new FolderException(FolderException.Reason.CANNOT,
                "folder name '" + FolderHierarchy.printable(name) + "' refused: " + why);
    }
}
