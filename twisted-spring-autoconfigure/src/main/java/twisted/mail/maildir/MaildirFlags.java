package twisted.mail.maildir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import twisted.mail.FlagChange;
import twisted.mail.MessageInfo;

/**
 * Flags in a Maildir file name, {@code <unique>:2,<letters>}: the system flags as the upper-case
 * letters of the Maildir specification ({@code D} Draft, {@code F} Flagged, {@code R} Answered
 * ({@code R}eplied), {@code S} Seen, {@code T} Deleted ({@code T}rashed)), keywords as the
 * lower-case letters {@code a} to {@code z}, the n-th letter naming the keyword of index n in the
 * folder's {@link KeywordTable}, as Dovecot does. Letters are kept sorted; upper-case letters
 * IMAP has no flag for ({@code P}assed) are kept as they are.
 */
final class MaildirFlags {

    /** The Maildir info separator and version: what follows is flags. */
    static final String INFO = ":2,";

    private static final Map<Character, String> SYSTEM = Map.of('D', MessageInfo.DRAFT, 'F', MessageInfo.FLAGGED,
            'R', MessageInfo.ANSWERED, 'S', MessageInfo.SEEN, 'T', MessageInfo.DELETED);

    private static final Map<String, Character> LETTER = Map.of(MessageInfo.DRAFT, 'D', MessageInfo.FLAGGED, 'F',
            MessageInfo.ANSWERED, 'R', MessageInfo.SEEN, 'S', MessageInfo.DELETED, 'T');

    private MaildirFlags() {
    }

    /**
     * The flags after a {@code STORE}: added, removed or replaced, without system flags a file
     * name cannot hold ({@code \\Recent}, unknown ones).
     */
    static Set<String> apply(FlagChange change, Set<String> flags) {
        Set<String> result = new TreeSet<>(flags);
        switch (change.mode()) {
            case ADD -> result.addAll(change.flags());
            case REMOVE -> result.removeAll(change.flags());
            case REPLACE -> {
                result.clear();
                result.addAll(change.flags());
            }
        }
        result.removeIf(f -> f.startsWith("\\") && !isSystem(f));
        return result;
    }

    /** Whether a flag is one of the system flags a file name can hold ({@code \\Recent} is not). */
    static boolean isSystem(String flag) {
        return LETTER.containsKey(flag);
    }

    /**
     * Whether a keyword is an IMAP atom (RFC 3501 9: no space, control character or any of
     * {@code ( ) { % * " \ ]}), so that it fits one line of {@code dovecot-keywords}.
     */
    static boolean isKeyword(String keyword) {
        if (keyword.isEmpty() || keyword.length() > 255) {
            return false;
        }
        for (char c : keyword.toCharArray()) {
            if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The letters of a file name: what follows {@code :2,}, or nothing. */
    static String lettersOf(String fileName) {
        int info = fileName.indexOf(INFO);
        return info < 0 ? "" : fileName.substring(info + INFO.length());
    }

    /** The file name for a unique name and letters: {@code <unique>:2,<letters>}. */
    static String fileName(String unique, String letters) {
        return unique + INFO + letters;
    }

    /** The IMAP flags the letters stand for; keyword letters beyond the table are dropped. */
    static Set<String> flagsOf(String letters, List<String> keywords) {
        Set<String> flags = new TreeSet<>();
        for (char c : letters.toCharArray()) {
            String system = SYSTEM.get(c);
            if (system != null) {
                flags.add(system);
            }
            else if (c >= 'a' && c <= 'z' && c - 'a' < keywords.size()) {
                flags.add(keywords.get(c - 'a'));
            }
        }
        return flags;
    }

    /**
     * The letters for IMAP flags, sorted, with the upper-case letters of {@code previous} that
     * IMAP has no flag for kept.
     *
     * @return the letters, or {@code null} when a keyword is not in the table
     */
    static @Nullable String lettersFor(Set<String> flags, List<String> keywords, String previous) {
        TreeSet<Character> letters = new TreeSet<>();
        for (char c : previous.toCharArray()) {
            if (c >= 'A' && c <= 'Z' && !SYSTEM.containsKey(c)) {
                letters.add(c);
            }
        }
        for (String flag : flags) {
            Character system = LETTER.get(flag);
            if (system != null) {
                letters.add(system);
                continue;
            }
            if (flag.startsWith("\\")) {
                continue; // \Recent and unknown system flags are not stored
            }
            int index = keywords.indexOf(flag);
            if (index < 0 || index >= KeywordTable.MAX) {
                return null;
            }
            letters.add((char) ('a' + index));
        }
        StringBuilder out = new StringBuilder(letters.size());
        letters.forEach(out::append);
        return out.toString();
    }

    /** The keywords among IMAP flags: those not starting with a backslash. */
    static List<String> keywordsIn(Set<String> flags) {
        List<String> keywords = new ArrayList<>();
        for (String flag : flags) {
            if (!flag.startsWith("\\")) {
                keywords.add(flag);
            }
        }
        return keywords;
    }
}
