package twisted.mail.imap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A parsed IMAP command: one record per command of RFC 3501 and the extensions the server
 * offers, each holding its tag and its arguments, typed. {@link IMAPParser} makes them; the
 * server dispatches on the record type (a table keyed by class, or {@code instanceof}
 * patterns).
 *
 * <p>Mailbox names are decoded from modified UTF-7, and {@code INBOX} in any case is
 * {@code "INBOX"}; {@code LIST} and {@code LSUB} patterns and references are decoded but keep
 * their case. Flags are {@code \Seen}-style system flags (canonical case) or keywords (atoms, as
 * sent). The {@code UID} variants are the same records with {@code uid} set. Records holding a
 * credential ({@link Login}, {@link Authenticate}) leave it out of {@code toString()}.
 *
 * @since 0.1.0
 */
public sealed interface IMAPCommand {

    /**
     * The command's tag, for the tagged response.
     *
     * @return the tag as sent
     */
    String tag();

    /**
     * {@code CAPABILITY}.
     *
     * @param tag the tag
     */
    record Capability(String tag) implements IMAPCommand {
    }

    /**
     * {@code NOOP}.
     *
     * @param tag the tag
     */
    record Noop(String tag) implements IMAPCommand {
    }

    /**
     * {@code LOGOUT}.
     *
     * @param tag the tag
     */
    record Logout(String tag) implements IMAPCommand {
    }

    /**
     * {@code STARTTLS}.
     *
     * @param tag the tag
     */
    record StartTls(String tag) implements IMAPCommand {
    }

    /**
     * {@code AUTHENTICATE mechanism [initial-response]} (RFC 3501, RFC 4959 SASL-IR).
     *
     * @param tag the tag
     * @param mechanism the SASL mechanism, upper-cased
     * @param initialResponse the decoded initial response (empty for {@code =}), or {@code null}
     *        when none was sent
     */
    record Authenticate(String tag, String mechanism, byte @Nullable [] initialResponse) implements IMAPCommand {

        @Override
        public String toString() {
            return "Authenticate[tag=" + this.tag + ", mechanism=" + this.mechanism + ", initialResponse="
                    + ((this.initialResponse != null) ? "(hidden)" : "none") + "]";
        }
    }

    /**
     * {@code LOGIN user password}.
     *
     * @param tag the tag
     * @param user the user name
     * @param password the password; never log it
     */
    record Login(String tag, String user, String password) implements IMAPCommand {

        @Override
        public String toString() {
            return "Login[tag=" + this.tag + ", user=" + this.user + ", password=(hidden)]";
        }
    }

    /**
     * {@code SELECT mailbox}, or {@code EXAMINE mailbox} (read-only).
     *
     * @param tag the tag
     * @param mailbox the mailbox
     * @param readOnly whether it was {@code EXAMINE}
     */
    record Select(String tag, String mailbox, boolean readOnly) implements IMAPCommand {
    }

    /**
     * {@code CREATE mailbox}.
     *
     * @param tag the tag
     * @param mailbox the mailbox
     */
    record Create(String tag, String mailbox) implements IMAPCommand {
    }

    /**
     * {@code DELETE mailbox}.
     *
     * @param tag the tag
     * @param mailbox the mailbox
     */
    record Delete(String tag, String mailbox) implements IMAPCommand {
    }

    /**
     * {@code RENAME from to}.
     *
     * @param tag the tag
     * @param from the mailbox
     * @param to its new name
     */
    record Rename(String tag, String from, String to) implements IMAPCommand {
    }

    /**
     * {@code SUBSCRIBE mailbox}, or {@code UNSUBSCRIBE mailbox}.
     *
     * @param tag the tag
     * @param mailbox the mailbox
     * @param subscribe {@code false} for {@code UNSUBSCRIBE}
     */
    record Subscribe(String tag, String mailbox, boolean subscribe) implements IMAPCommand {
    }

    /**
     * {@code LIST reference pattern}, or {@code LSUB reference pattern}. RFC 5258's selection and
     * return options are not parsed.
     *
     * @param tag the tag
     * @param reference the reference name, decoded, case kept
     * @param pattern the pattern with {@code %} and {@code *}, decoded, case kept
     * @param subscribedOnly whether it was {@code LSUB}
     */
    record ListMailboxes(String tag, String reference, String pattern, boolean subscribedOnly) implements IMAPCommand {
    }

    /** What {@code STATUS} can report (RFC 3501 section 6.3.10). */
    enum StatusItem {
        /** The number of messages. */
        MESSAGES,
        /** The number of messages with {@code \Recent}. */
        RECENT,
        /** The next UID. */
        UIDNEXT,
        /** The UID validity. */
        UIDVALIDITY,
        /** The number of messages without {@code \Seen}. */
        UNSEEN
    }

    /**
     * {@code STATUS mailbox (items)}.
     *
     * @param tag the tag
     * @param mailbox the mailbox
     * @param items the items, in the order asked, each once
     */
    record Status(String tag, String mailbox, List<StatusItem> items) implements IMAPCommand {

        /** Copies the items. */
        public Status {
            items = List.copyOf(items);
        }
    }

    /**
     * {@code APPEND mailbox [(flags)] [date-time] literal}.
     *
     * @param tag the tag
     * @param mailbox the mailbox
     * @param flags the flags to set, each once; empty when none were given
     * @param internalDate the internal date to give the message, or {@code null} for now
     * @param message the message, as sent
     */
    record Append(String tag, String mailbox, List<String> flags, @Nullable OffsetDateTime internalDate,
            byte[] message) implements IMAPCommand {

        /** Copies the flags. */
        public Append {
            flags = List.copyOf(flags);
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return "Append[tag=" + this.tag + ", mailbox=" + this.mailbox + ", flags=" + this.flags + ", internalDate="
                    + this.internalDate + ", message=" + this.message.length + " bytes]";
        }
    }

    /**
     * {@code CHECK}.
     *
     * @param tag the tag
     */
    record Check(String tag) implements IMAPCommand {
    }

    /**
     * {@code CLOSE}.
     *
     * @param tag the tag
     */
    record Close(String tag) implements IMAPCommand {
    }

    /**
     * {@code UNSELECT} (RFC 3691).
     *
     * @param tag the tag
     */
    record Unselect(String tag) implements IMAPCommand {
    }

    /**
     * {@code EXPUNGE}, or {@code UID EXPUNGE set} (RFC 4315), which expunges only those UIDs.
     *
     * @param tag the tag
     * @param uids the UIDs of {@code UID EXPUNGE}, or {@code null} for {@code EXPUNGE}
     */
    record Expunge(String tag, @Nullable SequenceSet uids) implements IMAPCommand {
    }

    /**
     * {@code [UID] SEARCH [CHARSET charset] keys}.
     *
     * @param tag the tag
     * @param uid whether it was {@code UID SEARCH} (answer with UIDs)
     * @param charset {@code US-ASCII} or {@code UTF-8} (upper-cased), or {@code null} when not given
     * @param criteria the keys; several at the top level are an {@link SearchKey.And}
     */
    record Search(String tag, boolean uid, @Nullable String charset, SearchKey criteria) implements IMAPCommand {
    }

    /**
     * {@code [UID] FETCH set items}.
     *
     * @param tag the tag
     * @param uid whether {@code set} holds UIDs
     * @param set the messages
     * @param items the items, macros expanded, in the order asked
     */
    record Fetch(String tag, boolean uid, SequenceSet set, List<FetchItem> items) implements IMAPCommand {

        /** Copies the items. */
        public Fetch {
            items = List.copyOf(items);
        }
    }

    /** How {@code STORE} changes the flags. */
    enum StoreMode {
        /** {@code FLAGS}: the flags become exactly these. */
        REPLACE,
        /** {@code +FLAGS}: these are added. */
        ADD,
        /** {@code -FLAGS}: these are removed. */
        REMOVE
    }

    /**
     * {@code [UID] STORE set [+|-]FLAGS[.SILENT] flags}.
     *
     * @param tag the tag
     * @param uid whether {@code set} holds UIDs
     * @param set the messages
     * @param mode replace, add or remove
     * @param silent whether {@code .SILENT} asked for no untagged {@code FETCH} responses
     * @param flags the flags, each once (may be empty)
     */
    record Store(String tag, boolean uid, SequenceSet set, StoreMode mode, boolean silent,
            List<String> flags) implements IMAPCommand {

        /** Copies the flags. */
        public Store {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code [UID] COPY set mailbox}, or {@code [UID] MOVE set mailbox} (RFC 6851).
     *
     * @param tag the tag
     * @param uid whether {@code set} holds UIDs
     * @param set the messages
     * @param mailbox the destination
     * @param move whether it was {@code MOVE}
     */
    record Copy(String tag, boolean uid, SequenceSet set, String mailbox, boolean move) implements IMAPCommand {
    }

    /**
     * {@code IDLE} (RFC 2177).
     *
     * @param tag the tag
     */
    record Idle(String tag) implements IMAPCommand {
    }

    /**
     * {@code NAMESPACE} (RFC 2342).
     *
     * @param tag the tag
     */
    record Namespace(String tag) implements IMAPCommand {
    }

    /**
     * {@code ID (field value ...)} or {@code ID NIL} (RFC 2971).
     *
     * @param tag the tag
     * @param parameters the fields and values in the order sent (a value may be {@code null} for
     *        {@code NIL}), or {@code null} for {@code ID NIL}
     */
    record Id(String tag, @Nullable Map<String, @Nullable String> parameters) implements IMAPCommand {
    }

    /**
     * {@code ENABLE capability...} (RFC 5161).
     *
     * @param tag the tag
     * @param capabilities the capabilities, upper-cased, in the order sent
     */
    record Enable(String tag, List<String> capabilities) implements IMAPCommand {

        /** Copies the capabilities. */
        public Enable {
            capabilities = List.copyOf(capabilities);
        }
    }
}
