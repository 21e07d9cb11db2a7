package twisted.mail.imap;

import java.time.LocalDate;
import java.time.ZoneOffset;

import twisted.mail.MessageInfo;

/**
 * Evaluates the {@code SEARCH} keys that need only what the folder knows without reading a
 * message: flags, keywords, sizes, internal dates, message numbers and UIDs, and their
 * {@code NOT}, {@code OR} and {@code AND}. The keys that need the content ({@code HEADER},
 * {@code BODY}, {@code TEXT}, the {@code SENT*} dates) are {@link #needsContent}: the server
 * refuses them until the full evaluator is wired (see {@link MessageCommands#search}).
 */
final class InfoSearch {

    private InfoSearch() {
    }

    /** Whether a key or one of its parts needs the message's content. */
    static boolean needsContent(SearchKey key) {
        if (key instanceof SearchKey.Header || key instanceof SearchKey.Body || key instanceof SearchKey.Text
                || key instanceof SearchKey.SentDate) {
            return true;
        }
        if (key instanceof SearchKey.Not not) {
            return needsContent(not.key());
        }
        if (key instanceof SearchKey.Or or) {
            return needsContent(or.left()) || needsContent(or.right());
        }
        if (key instanceof SearchKey.And and) {
            return and.keys().stream().anyMatch(InfoSearch::needsContent);
        }
        return false;
    }

    /**
     * Whether a message matches.
     *
     * @param key a key for which {@link #needsContent} is false
     * @param number the message number
     * @param info the message
     * @param exists how many messages the folder has (for {@code *} in message numbers)
     * @param largestUid the largest UID (for {@code *} in UID sets)
     */
    static boolean matches(SearchKey key, int number, MessageInfo info, int exists, long largestUid) {
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.HasFlag f) {
            return hasFlag(info, f.flag());
        }
        if (key instanceof SearchKey.LacksFlag f) {
            return !hasFlag(info, f.flag());
        }
        if (key instanceof SearchKey.Larger l) {
            return info.size() > l.size();
        }
        if (key instanceof SearchKey.Smaller s) {
            return info.size() < s.size();
        }
        if (key instanceof SearchKey.InternalDate d) {
            LocalDate date = LocalDate.ofInstant(info.internalDate(), ZoneOffset.UTC);
            return switch (d.relation()) {
                case BEFORE -> date.isBefore(d.date());
                case ON -> date.isEqual(d.date());
                case SINCE -> !date.isBefore(d.date());
            };
        }
        if (key instanceof SearchKey.SequenceNumbers s) {
            return s.set().contains(number, exists);
        }
        if (key instanceof SearchKey.Uids u) {
            return u.set().contains(info.uid(), largestUid);
        }
        if (key instanceof SearchKey.Not not) {
            return !matches(not.key(), number, info, exists, largestUid);
        }
        if (key instanceof SearchKey.Or or) {
            return matches(or.left(), number, info, exists, largestUid)
                    || matches(or.right(), number, info, exists, largestUid);
        }
        if (key instanceof SearchKey.And and) {
            for (SearchKey k : and.keys()) {
                if (!matches(k, number, info, exists, largestUid)) {
                    return false;
                }
            }
            return true;
        }
        throw new IllegalArgumentException("needs the message's content: " + key);
    }

    private static boolean hasFlag(MessageInfo info, String flag) {
        return info.flags().stream().anyMatch(flag::equalsIgnoreCase);
    }
}
