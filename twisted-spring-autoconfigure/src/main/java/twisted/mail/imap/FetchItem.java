package twisted.mail.imap;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One thing {@code FETCH} asks for (RFC 3501 section 6.4.5, {@code fetch-att}). The macros
 * {@code ALL}, {@code FAST} and {@code FULL} are expanded by {@link IMAPParser}. Each item knows
 * whether fetching it sets {@code \Seen} on the message (in a mailbox opened with {@code SELECT})
 * and the name its value has in the {@code FETCH} response.
 *
 * <p>{@code UID FETCH} answers with {@link Simple#UID} whether or not it was asked for; that is
 * the server's job, the parsed items are what the client wrote.
 *
 * @since 0.1.0
 */
public sealed interface FetchItem {

    /**
     * Whether fetching this item sets {@code \Seen}: {@code RFC822}, {@code RFC822.TEXT} and
     * {@code BODY[...]} do; {@code BODY.PEEK[...]}, {@code RFC822.HEADER} and the rest do not.
     *
     * @return whether the message becomes seen
     */
    boolean setsSeen();

    /**
     * The item's name in the response: {@code RFC822.SIZE}, {@code BODY[HEADER.FIELDS (FROM)]},
     * {@code BODY[]<0>} for a partial fetch from 0 (the length is not repeated, and
     * {@code BODY.PEEK} answers as {@code BODY}).
     *
     * @return the name, as it precedes the value
     */
    String responseName();

    /** The items without a section. */
    enum Simple implements FetchItem {

        /** The flags. */
        FLAGS("FLAGS", false),

        /** The internal date. */
        INTERNALDATE("INTERNALDATE", false),

        /** The whole message, as {@code BODY[]}; sets {@code \Seen}. */
        RFC822("RFC822", true),

        /** The header, as {@code BODY.PEEK[HEADER]}. */
        RFC822_HEADER("RFC822.HEADER", false),

        /** The size in octets. */
        RFC822_SIZE("RFC822.SIZE", false),

        /** The body, as {@code BODY[TEXT]}; sets {@code \Seen}. */
        RFC822_TEXT("RFC822.TEXT", true),

        /** The parsed envelope. */
        ENVELOPE("ENVELOPE", false),

        /** The body structure without extension data ({@code BODY} with no section). */
        BODY("BODY", false),

        /** The body structure with extension data. */
        BODYSTRUCTURE("BODYSTRUCTURE", false),

        /** The unique identifier. */
        UID("UID", false);

        private final String name;

        private final boolean seen;

        Simple(String name, boolean seen) {
            this.name = name;
            this.seen = seen;
        }

        @Override
        public boolean setsSeen() {
            return this.seen;
        }

        @Override
        public String responseName() {
            return this.name;
        }
    }

    /** What a section names after its part number, if anything. */
    enum SectionText {

        /** The header. */
        HEADER("HEADER"),

        /** The named header fields. */
        HEADER_FIELDS("HEADER.FIELDS"),

        /** The header without the named fields. */
        HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),

        /** The body. */
        TEXT("TEXT"),

        /** A part's MIME header; only after a part number. */
        MIME("MIME");

        private final String name;

        SectionText(String name) {
            this.name = name;
        }

        /**
         * The name on the wire.
         *
         * @return for example {@code HEADER.FIELDS}
         */
        public String wireName() {
            return this.name;
        }
    }

    /**
     * A section of a message: {@code []} (all of it), {@code [1.2]}, {@code [1.HEADER]},
     * {@code [HEADER.FIELDS (FROM TO)]}.
     *
     * @param part the part numbers, each at least 1; empty for the message itself
     * @param text what is named after the part, or {@code null} for the part's content
     * @param fields the header field names for {@code HEADER.FIELDS} and {@code HEADER.FIELDS.NOT},
     *        upper-cased as Dovecot echoes them; empty otherwise
     */
    record Section(List<Integer> part, @Nullable SectionText text, List<String> fields) {

        /** Copies the lists and checks the combination. */
        public Section {
            part = List.copyOf(part);
            fields = List.copyOf(fields);
            if (text == SectionText.MIME && part.isEmpty()) {
                throw new IllegalArgumentException("MIME needs a part number");
            }
            boolean named = text == SectionText.HEADER_FIELDS || text == SectionText.HEADER_FIELDS_NOT;
            if (named == fields.isEmpty()) {
                throw new IllegalArgumentException("header field names go with HEADER.FIELDS[.NOT] only");
            }
        }

        /** The section as written between the brackets. */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < this.part.size(); i++) {
                out.append((i > 0) ? "." : "").append(this.part.get(i));
            }
            if (this.text != null) {
                out.append(this.part.isEmpty() ? "" : ".").append(this.text.wireName());
            }
            if (!this.fields.isEmpty()) {
                out.append(" (").append(String.join(" ", this.fields)).append(')');
            }
            return out.toString();
        }
    }

    /**
     * {@code <start.length>}: a range of a section's octets.
     *
     * @param start the first octet, from 0
     * @param length how many octets, at least 1
     */
    record Partial(long start, long length) {
    }

    /**
     * {@code BODY[section]<partial>} or {@code BODY.PEEK[section]<partial>}.
     *
     * @param peek whether it was {@code BODY.PEEK}, which leaves {@code \Seen} alone
     * @param section the section
     * @param partial the octet range, or {@code null} for the whole section
     */
    record BodySection(boolean peek, Section section, @Nullable Partial partial) implements FetchItem {

        /** Checks the section. */
        public BodySection {
            Objects.requireNonNull(section, "section");
        }

        @Override
        public boolean setsSeen() {
            return !this.peek;
        }

        @Override
        public String responseName() {
            return "BODY[" + this.section + "]" + ((this.partial != null) ? "<" + this.partial.start() + ">" : "");
        }
    }
}
