package twisted.mail.imap;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A {@code SEARCH} criterion (RFC 3501 section 6.4.4) as a tree: what {@link IMAPParser} makes of
 * {@code search-key}s, for the server to evaluate against each message. Several keys side by side
 * (at the top or in parentheses) are an {@link And}; {@code NEW} is parsed as
 * {@code And(HasFlag(\Recent), LacksFlag(\Seen))} and {@code OLD} as {@code LacksFlag(\Recent)},
 * which is what RFC 3501 defines them to be; every other key has its own record. Strings are
 * decoded from the search charset (US-ASCII is a subset of UTF-8) and matched as RFC 3501 says:
 * case-insensitive substrings.
 *
 * @since 0.1.0
 */
public sealed interface SearchKey {

    /** {@code ALL}: every message. */
    record All() implements SearchKey {
    }

    /**
     * A flag the message has: {@code ANSWERED DELETED DRAFT FLAGGED RECENT SEEN}, {@code KEYWORD}.
     *
     * @param flag a system flag as {@link IMAPParser} spells it ({@code \Seen}) or a keyword
     */
    record HasFlag(String flag) implements SearchKey {
    }

    /**
     * A flag the message lacks: {@code UNANSWERED UNDELETED UNDRAFT UNFLAGGED UNSEEN}, {@code UNKEYWORD}, {@code OLD}.
     *
     * @param flag a system flag or a keyword
     */
    record LacksFlag(String flag) implements SearchKey {
    }

    /**
     * A header field contains a string: {@code BCC CC FROM SUBJECT TO} and {@code HEADER}. An empty
     * value matches every message that has the field.
     *
     * @param field the field name as sent ({@code FROM}, {@code X-Mailer})
     * @param value the substring
     */
    record Header(String field, String value) implements SearchKey {
    }

    /**
     * {@code BODY}: the body (after the header) contains a string.
     *
     * @param value the substring
     */
    record Body(String value) implements SearchKey {
    }

    /**
     * {@code TEXT}: the header or the body contains a string.
     *
     * @param value the substring
     */
    record Text(String value) implements SearchKey {
    }

    /** How a date compares: RFC 3501 compares dates only, ignoring time and zone. */
    enum DateRelation {
        /** Earlier than the date. */
        BEFORE,
        /** On the date. */
        ON,
        /** On or after the date. */
        SINCE
    }

    /**
     * {@code BEFORE ON SINCE}: the internal date (when the server received the message).
     *
     * @param relation how it compares
     * @param date the date
     */
    record InternalDate(DateRelation relation, LocalDate date) implements SearchKey {
    }

    /**
     * {@code SENTBEFORE SENTON SENTSINCE}: the {@code Date:} header's date.
     *
     * @param relation how it compares
     * @param date the date
     */
    record SentDate(DateRelation relation, LocalDate date) implements SearchKey {
    }

    /**
     * {@code LARGER n}: the size (RFC822.SIZE) is larger.
     *
     * @param size bytes
     */
    record Larger(long size) implements SearchKey {
    }

    /**
     * {@code SMALLER n}: the size is smaller.
     *
     * @param size bytes
     */
    record Smaller(long size) implements SearchKey {
    }

    /**
     * A sequence set: message sequence numbers.
     *
     * @param set the numbers
     */
    record SequenceNumbers(SequenceSet set) implements SearchKey {
    }

    /**
     * {@code UID set}.
     *
     * @param set the UIDs
     */
    record Uids(SequenceSet set) implements SearchKey {
    }

    /**
     * {@code NOT key}.
     *
     * @param key the key negated
     */
    record Not(SearchKey key) implements SearchKey {

        /** Checks the key. */
        public Not {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code OR key1 key2}.
     *
     * @param left the first key
     * @param right the second key
     */
    record Or(SearchKey left, SearchKey right) implements SearchKey {

        /** Checks the keys. */
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * Keys side by side, all of which must match: a parenthesised list, or the top level.
     *
     * @param keys one or more keys
     */
    record And(List<SearchKey> keys) implements SearchKey {

        /** Copies the keys. */
        public And {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("an And needs at least one key");
            }
        }
    }
}
