package twisted.mail.imap;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.mail.imap.FetchItem.Partial;
import twisted.mail.imap.FetchItem.Section;

/**
 * What IMAP needs to know about one stored message's content: its {@code ENVELOPE},
 * {@code BODYSTRUCTURE} and {@code BODY}, its {@code BODY[section]}s, and the decoded header
 * values, date and text that {@code SEARCH} compares. Parsed once, from the message's bytes as
 * the store holds them (lines ending in CR LF or, in files other software wrote, a bare LF); sizes
 * and sections are of those bytes as given.
 *
 * <p>Any bytes parse: a missing or broken {@code Content-Type} is {@code text/plain;
 * charset=us-ascii}, a multipart whose boundary never appears holds one empty part, and beyond 100
 * levels of nesting or 10,000 parts the rest is opaque text. The answers follow what Dovecot
 * returns for the same message (checked against recorded Dovecot 2.3 answers in the tests), with
 * these differences on purpose: sizes and line counts are of the stored bytes (Dovecot counts
 * bare LFs as CR LF), and {@code BODY} keeps the case of types and parameters as written, as
 * {@code BODYSTRUCTURE} does.
 *
 * <p>Strings returned are meant to be sent as UTF-8 (literal lengths count UTF-8 octets); 8-bit
 * header octets that are not UTF-8 read as U+FFFD. Immutable and thread-safe once parsed.
 *
 * <pre>
 * MessageStructure structure = MessageStructure.parse(bytes);
 * String envelope = structure.envelope();          // ("Mon, 7 Feb 1994 ..." "subject" ...)
 * byte[] text = structure.section(section);        // BODY[1.2.MIME]
 * </pre>
 *
 * @since 0.1.0
 */
public final class MessageStructure {

    private final byte[] message;

    private final MimePart root;

    /** {@link #text()}, decoded once (a benign race: every thread computes the same string). */
    private volatile @Nullable String text;

    private MessageStructure(byte[] message, MimePart root) {
        this.message = message;
        this.root = root;
    }

    /**
     * Parses a message. Never throws for any content.
     *
     * @param message the message as stored; not copied, so it must not change afterwards
     * @return its structure
     */
    public static MessageStructure parse(byte[] message) {
        Objects.requireNonNull(message, "message");
        return new MessageStructure(message, MimeParser.parse(message));
    }

    /**
     * The {@code ENVELOPE} (RFC 3501 section 7.4.2), header values as written (encoded-words
     * are not decoded), unfolded.
     *
     * @return the parenthesised list
     */
    public String envelope() {
        return EnvelopeWriter.envelope(this.root.header());
    }

    /**
     * The {@code BODYSTRUCTURE}, with extension data.
     *
     * @return the parenthesised list
     */
    public String bodyStructure() {
        return BodyStructureWriter.write(this.message, this.root, true);
    }

    /**
     * The {@code BODY} (no section): the body structure without extension data.
     *
     * @return the parenthesised list
     */
    public String body() {
        return BodyStructureWriter.write(this.message, this.root, false);
    }

    /**
     * A section's octets, as {@code BODY[section]} returns them; empty when the section names a
     * part that does not exist (as Dovecot answers). {@code HEADER.FIELDS} gives the matching
     * fields in message order with their folded lines, then an empty line.
     *
     * @param section the section; the empty one is the whole message
     * @return a new array
     */
    public byte[] section(Section section) {
        Objects.requireNonNull(section, "section");
        return SectionReader.read(this.message, this.root, section);
    }

    /**
     * The octets of a section that a partial fetch ({@code <start.length>}) returns: from
     * {@code start}, at most {@code length} octets; empty when the section is shorter than
     * {@code start}.
     *
     * @param section the section's octets
     * @param partial the range
     * @return a new array
     */
    public static byte[] partial(byte[] section, Partial partial) {
        if (partial.start() >= section.length) {
            return new byte[0];
        }
        int start = (int) partial.start();
        long end = Math.min((long) section.length, start + Math.max(0, partial.length()));
        return Arrays.copyOfRange(section, start, (int) end);
    }

    /**
     * Every value of a header field of the message, unfolded, encoded-words decoded, joined by
     * line breaks: what {@code SEARCH HEADER}, {@code FROM}, {@code SUBJECT}... compare.
     *
     * @param name the field name, any case
     * @return the values, or {@code null} when the message has no such field
     */
    public @Nullable String header(String name) {
        List<String> values = this.root.header().values(name);
        if (values.isEmpty()) {
            return null;
        }
        return String.join("\n", values.stream().map(MimeText::decodeHeader).toList());
    }

    /**
     * Every header field of the message, decoded as {@link #header} does, one per line: what
     * {@code SEARCH TEXT} compares besides {@link #text()}.
     *
     * @return the header's text
     */
    public String headerText() {
        StringBuilder out = new StringBuilder();
        MimeHeader header = this.root.header();
        for (MimeHeader.Field field : header.fields()) {
            out.append(field.name()).append(": ").append(MimeText.decodeHeader(header.unfolded(field))).append('\n');
        }
        return out.toString();
    }

    /**
     * The {@code Date:} header, read leniently, with the offset it was written in.
     *
     * @return the date, or {@code null} when it is missing or cannot be read
     */
    public @Nullable OffsetDateTime sentDate() {
        return SentDates.parse(this.root.header().value("Date"));
    }

    /**
     * The decoded text of the message's {@code text/*} parts (also inside attached messages):
     * transfer encoding undone, charset applied. What {@code SEARCH BODY} and {@code TEXT} compare.
     *
     * @return the text, parts separated by line breaks
     */
    public String text() {
        String decoded = this.text;
        if (decoded == null) {
            decoded = MimeText.text(this.message, this.root);
            this.text = decoded;
        }
        return decoded;
    }
}
