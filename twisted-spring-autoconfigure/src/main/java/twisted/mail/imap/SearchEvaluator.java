package twisted.mail.imap;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import twisted.mail.MessageInfo;

/**
 * Decides whether one message matches a {@code SEARCH} key (RFC 3501 section 6.4.4), evaluating
 * the tree {@link IMAPParser} makes: flags and keywords, dates, sizes, sequence numbers and UIDs
 * (with {@code *}), header and body text, {@code NOT}, {@code OR} and lists.
 *
 * <p>The message's content is asked for (through the supplier, at most once per call) only when a
 * key needs it, so a search on flags, dates, sizes or numbers never reads a message file.
 * <ul>
 * <li>Dates compare by date alone, as RFC 3501 says: the internal date's date in UTC (the zone in
 * which this server shows {@code INTERNALDATE}), the {@code Date:} header's date as written in its
 * own zone. A message whose {@code Date:} is missing or unreadable matches no {@code SENT*} key.</li>
 * <li>Strings match as case-insensitive substrings of the decoded text: header values with their
 * encoded-words decoded; {@code BODY} the decoded text of the {@code text/*} parts; {@code TEXT}
 * the header and that text. An empty string matches every message that has the header field.</li>
 * <li>Flags and keywords compare without case.</li>
 * </ul>
 * Thread-safe (no state).
 *
 * @since 0.1.0
 */
public final class SearchEvaluator {

    /**
     * The structure to pass when {@link #needsContent} is false: never asked for.
     */
    public static final Supplier<MessageStructure> NO_CONTENT = () -> {
        throw new IllegalStateException("a key that needs no content asked for the message's content");
    };

    private SearchEvaluator() {
    }

    /**
     * Whether a key, or one of its parts, needs the message's body ({@code BODY}, {@code TEXT}); the
     * other content keys need only its header, so a server may read just that.
     *
     * @param key the search key
     * @return {@code true} when some part of it reads the body
     */
    public static boolean needsBody(SearchKey key) {
        if (key instanceof SearchKey.Body || key instanceof SearchKey.Text) {
            return true;
        }
        if (key instanceof SearchKey.Not not) {
            return needsBody(not.key());
        }
        if (key instanceof SearchKey.Or or) {
            return needsBody(or.left()) || needsBody(or.right());
        }
        if (key instanceof SearchKey.And and) {
            return and.keys().stream().anyMatch(SearchEvaluator::needsBody);
        }
        return false;
    }

    /**
     * Whether a key, or one of its parts, needs the message's content ({@code HEADER} and the
     * address and subject keys, {@code BODY}, {@code TEXT}, the {@code SENT*} dates), so that a
     * server reads messages only for the searches that need them.
     *
     * @param key the search key
     * @return {@code true} when some part of it reads the message
     */
    public static boolean needsContent(SearchKey key) {
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
            return and.keys().stream().anyMatch(SearchEvaluator::needsContent);
        }
        return false;
    }

    /**
     * Whether the message matches.
     *
     * @param key the search key
     * @param sequenceNumber the message's sequence number, from 1
     * @param info the message's UID, flags, internal date and size
     * @param largestUid the largest UID in the mailbox (what {@code *} means in a UID set)
     * @param messageCount how many messages the mailbox has (what {@code *} means in a sequence set)
     * @param structure the parsed message, read only if a key needs the content; may block
     * @return whether the key matches
     */
    public static boolean matches(SearchKey key, int sequenceNumber, MessageInfo info, long largestUid,
            int messageCount, Supplier<MessageStructure> structure) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(info, "info");
        return new Evaluation(sequenceNumber, info, largestUid, messageCount, structure).matches(key);
    }

    private static final class Evaluation {

        private final int sequenceNumber;

        private final MessageInfo info;

        private final long largestUid;

        private final int messageCount;

        private final Supplier<MessageStructure> supplier;

        private @Nullable MessageStructure structure;

        Evaluation(int sequenceNumber, MessageInfo info, long largestUid, int messageCount,
                Supplier<MessageStructure> supplier) {
            this.sequenceNumber = sequenceNumber;
            this.info = info;
            this.largestUid = largestUid;
            this.messageCount = messageCount;
            this.supplier = supplier;
        }

        boolean matches(SearchKey key) {
            if (key instanceof SearchKey.All) {
                return true;
            }
            if (key instanceof SearchKey.HasFlag flag) {
                return hasFlag(flag.flag());
            }
            if (key instanceof SearchKey.LacksFlag flag) {
                return !hasFlag(flag.flag());
            }
            if (key instanceof SearchKey.Larger larger) {
                return this.info.size() > larger.size();
            }
            if (key instanceof SearchKey.Smaller smaller) {
                return this.info.size() < smaller.size();
            }
            if (key instanceof SearchKey.SequenceNumbers numbers) {
                return numbers.set().contains(this.sequenceNumber, this.messageCount);
            }
            if (key instanceof SearchKey.Uids uids) {
                return uids.set().contains(this.info.uid(), this.largestUid);
            }
            if (key instanceof SearchKey.InternalDate date) {
                LocalDate internal = this.info.internalDate().atOffset(ZoneOffset.UTC).toLocalDate();
                return compare(internal, date.relation(), date.date());
            }
            if (key instanceof SearchKey.Not not) {
                return !matches(not.key());
            }
            if (key instanceof SearchKey.Or or) {
                return matches(or.left()) || matches(or.right());
            }
            if (key instanceof SearchKey.And and) {
                return and.keys().stream().allMatch(this::matches);
            }
            return matchesContent(key);
        }

        /** The keys that read the message. */
        private boolean matchesContent(SearchKey key) {
            if (key instanceof SearchKey.Header header) {
                String text = structure().header(header.field());
                return text != null && contains(text, header.value());
            }
            if (key instanceof SearchKey.Body body) {
                return contains(structure().text(), body.value());
            }
            if (key instanceof SearchKey.Text text) {
                return contains(structure().headerText(), text.value()) || contains(structure().text(), text.value());
            }
            if (key instanceof SearchKey.SentDate date) {
                OffsetDateTime sent = structure().sentDate();
                return sent != null && compare(sent.toLocalDate(), date.relation(), date.date());
            }
            throw new IllegalArgumentException("unknown search key " + key);
        }

        private boolean hasFlag(String flag) {
            return this.info.flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag));
        }

        private MessageStructure structure() {
            if (this.structure == null) {
                this.structure = Objects.requireNonNull(this.supplier.get(), "structure");
            }
            return this.structure;
        }

        private static boolean compare(LocalDate actual, SearchKey.DateRelation relation, LocalDate date) {
            return switch (relation) {
                case BEFORE -> actual.isBefore(date);
                case ON -> actual.isEqual(date);
                case SINCE -> !actual.isBefore(date);
            };
        }

        private static boolean contains(String text, String value) {
            return fold(text).contains(fold(value));
        }

        /** Case folding through upper case, so that {@code ß} matches {@code SS} as Unicode case folding says. */
        private static String fold(String text) {
            return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        }
    }
}
