package twisted.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The folder names every store of this library accepts, and the hierarchy {@code LIST} shows of
 * them: levels separated by {@link #DELIMITER}, {@code INBOX} in any case (also as the first level
 * of a longer name) made {@link #INBOX}, and a level that holds no folder of its own listed
 * {@code \Noselect}, as Dovecot lists Maildir++. The Maildir and PostgreSQL stores both keep these
 * rules, so that clients cannot tell the stores apart and a deployment can move from one to the
 * other; each store adds its own limit on a name's length and writes its own refusals.
 *
 * <p>For store implementations ({@link AbstractMailAccount} uses it); the protocols never need it.
 * Stateless; any thread.
 *
 * @since 0.1.0
 */
public final class FolderHierarchy {

    /** The hierarchy delimiter between levels, as {@link MailAccount#delimiter()} reports it. */
    public static final char DELIMITER = '.';

    /** The canonical name of the folder mail is delivered to. */
    public static final String INBOX = "INBOX";

    /** The special-use attribute (RFC 6154) of the usual top-level names, as Debian's Dovecot configures them. */
    private static final Map<String, String> SPECIAL_USE = Map.of("Sent", "\\Sent", "Sent Messages", "\\Sent",
            "Drafts", "\\Drafts", "Trash", "\\Trash", "Junk", "\\Junk", "Archive", "\\Archive");

    private FolderHierarchy() {
    }

    /**
     * Why a folder name is refused, by the rules every store keeps: it is empty, holds a {@code /}
     * or a control character (C0, DEL or C1), has an empty level (a leading, trailing or doubled
     * delimiter), or starts with {@code ~}. A store checks its own length limit before or after,
     * and makes the reason its {@link FolderException.Reason#CANNOT} message.
     *
     * @param name the name as the client gave it
     * @return the reason ({@code "empty"}, {@code "a level is empty"}...), or {@code null} when
     *         the name is accepted
     */
    public static @Nullable String refusal(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '/') {
                return "it holds '/' or a control character";
            }
        }
        if (name.charAt(0) == DELIMITER || name.charAt(name.length() - 1) == DELIMITER
                || name.contains("" + DELIMITER + DELIMITER)) {
            return "a level is empty";
        }
        if (name.charAt(0) == '~') {
            return "it starts with '~'";
        }
        return null;
    }

    /**
     * The canonical form of a name {@link #refusal} accepts: {@code INBOX} in any case, alone or
     * as the first level, becomes {@code INBOX}; everything else is kept as given.
     *
     * @param name an accepted name
     * @return its canonical form
     */
    public static String canonical(String name) {
        int firstDot = name.indexOf(DELIMITER);
        String first = firstDot < 0 ? name : name.substring(0, firstDot);
        return first.equalsIgnoreCase(INBOX) ? INBOX + name.substring(first.length()) : name;
    }

    /**
     * Whether a canonical name is INBOX itself (not a folder below it).
     *
     * @param canonical the canonical name
     * @return {@code true} for {@code INBOX}
     */
    public static boolean isInbox(String canonical) {
        return INBOX.equals(canonical);
    }

    /**
     * The name of the level above.
     *
     * @param canonical the canonical name
     * @return the parent's name, or {@code null} at the top level
     */
    public static @Nullable String parentOf(String canonical) {
        int last = canonical.lastIndexOf(DELIMITER);
        return last < 0 ? null : canonical.substring(0, last);
    }

    /**
     * Whether a folder is another one or below it: what a rename moves, and where it may not go.
     *
     * @param name the canonical name
     * @param ancestor the other canonical name
     * @return {@code true} when {@code name} is {@code ancestor} or one of its descendants
     */
    public static boolean isAtOrBelow(String name, String ancestor) {
        return name.equals(ancestor) || name.startsWith(ancestor + DELIMITER);
    }

    /**
     * The special-use attribute (RFC 6154) of a top-level name, as Debian's Dovecot configures
     * them: {@code Sent} and {@code Sent Messages}, {@code Drafts}, {@code Trash}, {@code Junk},
     * {@code Archive}.
     *
     * @param canonical the canonical name
     * @return the attribute ({@code \Sent}...), or {@code null} for any other name
     */
    public static @Nullable String specialUse(String canonical) {
        return SPECIAL_USE.get(canonical);
    }

    /**
     * {@code LIST}'s view of the folders that exist: each one, and each level above one, with
     * {@code \HasChildren} or {@code \HasNoChildren}; a level that is not a folder itself is
     * {@code \Noselect}, and a folder with a special-use name has its attribute.
     *
     * @param existing the canonical names of the folders that exist, INBOX among them
     * @return the folders and levels, in name order
     */
    public static List<FolderInfo> list(Set<String> existing) {
        NavigableSet<String> all = new TreeSet<>(existing);
        for (String name : existing) {
            for (String parent = parentOf(name); parent != null; parent = parentOf(parent)) {
                all.add(parent);
            }
        }
        List<FolderInfo> folders = new ArrayList<>();
        for (String name : all) {
            Set<String> attributes = new HashSet<>();
            // names below this one sort together, from the first at or after "name."
            String next = all.ceiling(name + DELIMITER);
            boolean children = next != null && next.startsWith(name + DELIMITER);
            attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
            if (!existing.contains(name)) {
                attributes.add("\\Noselect");
            }
            String special = specialUse(name);
            if (special != null && existing.contains(name)) {
                attributes.add(special);
            }
            folders.add(new FolderInfo(name, attributes));
        }
        return folders;
    }

    /**
     * A name as the stores' messages show it: cut after 80 characters, control characters (C0,
     * DEL and C1) shown as {@code ?}.
     *
     * @param name any name
     * @return the name, safe for a log line or an IMAP response text
     */
    public static String printable(String name) {
        String cut = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7e\\u00a0-\\uffff]", "?");
    }
}
