package twisted.mail;

import java.time.Instant;
import java.util.Set;

/**
 * What a folder knows of one message without reading it.
 *
 * @param uid its UID in the folder
 * @param flags its flags: system flags ({@code \Seen}, {@code \Answered}, {@code \Flagged},
 *        {@code \Deleted}, {@code \Draft}; {@code \Recent} for the one session that has it) and
 *        keywords
 * @param internalDate when it arrived (or the date {@code APPEND} gave)
 * @param size its size in bytes, CR LF line endings ({@code RFC822.SIZE})
 * @since 0.1.0
 */
public record MessageInfo(long uid, Set<String> flags, Instant internalDate, long size) {

    /** {@code \Seen}. */
    public static final String SEEN = "\\Seen";

    /** {@code \Answered}. */
    public static final String ANSWERED = "\\Answered";

    /** {@code \Flagged}. */
    public static final String FLAGGED = "\\Flagged";

    /** {@code \Deleted}. */
    public static final String DELETED = "\\Deleted";

    /** {@code \Draft}. */
    public static final String DRAFT = "\\Draft";

    /** {@code \Recent}: set by the store, never stored by a client. */
    public static final String RECENT = "\\Recent";

    /**
     * Copies the flags.
     *
     * @param uid its UID
     * @param flags its flags
     * @param internalDate when it arrived
     * @param size its size
     */
    public MessageInfo {
        flags = Set.copyOf(flags);
    }
}
