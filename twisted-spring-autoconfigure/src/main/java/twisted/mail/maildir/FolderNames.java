package twisted.mail.maildir;

import org.jspecify.annotations.Nullable;
import twisted.mail.FolderException;
import twisted.mail.FolderHierarchy;
import twisted.mail.ModifiedUtf7;

/**
 * Folder names and their Maildir++ directories, as Dovecot lays them out
 * ({@code mail_location = maildir:<root>/%u}, separator {@code .}): INBOX is the user's maildir
 * itself; folder {@code Archive.2024} is the directory {@code .Archive.2024} beside INBOX's
 * {@code cur}, its name in modified UTF-7. Names are the decoded (Unicode) IMAP names, under the
 * rules of {@link FolderHierarchy} and no longer than a directory name.
 */
final class FolderNames {

    /** Longest directory name most file systems allow. */
    private static final int MAX_DIRECTORY = 255;

    private FolderNames() {
    }

    /**
     * The canonical form of a name ({@link FolderHierarchy#canonical}).
     *
     * @throws FolderException ({@code CANNOT}) for a name every store
     *         {@link FolderHierarchy#refusal refuses}, or one too long for a directory name
     */
    static String canonical(String name) throws FolderException {
        String refusal = FolderHierarchy.refusal(name);
        if (refusal != null) {
            throw refused(name, refusal);
        }
        String canonical = FolderHierarchy.canonical(name);
        if (!FolderHierarchy.isInbox(canonical) && directoryOf(canonical).length() > MAX_DIRECTORY) {
            throw refused(name, "longer than a directory name may be");
        }
        return canonical;
    }

    /**
     * The directory of a canonical name, relative to the user's maildir: empty for INBOX,
     * {@code .<modified UTF-7 name>} otherwise.
     */
    static String directoryOf(String canonical) {
        return FolderHierarchy.isInbox(canonical) ? "" : "." + ModifiedUtf7.encode(canonical);
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
            return FolderHierarchy.isInbox(canonical) ? null : canonical;
        }
        catch (FolderException ex) {
            return null;
        }
    }

    /** The name as the subscriptions file holds it (Dovecot 2.3): levels in modified UTF-7, separated by tabs. */
    static String subscriptionForm(String canonical) {
        return ModifiedUtf7.encode(canonical).replace(FolderHierarchy.DELIMITER, '\t');
    }

    static @Nullable String fromSubscriptionForm(String line) {
        String decoded = decodedOrNull(line.replace('\t', FolderHierarchy.DELIMITER));
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

    private static FolderException refused(String name, String why) {
        return new FolderException(FolderException.Reason.CANNOT,
                "folder name '" + FolderHierarchy.printable(name) + "' refused: " + why);
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
