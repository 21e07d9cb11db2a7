package twisted.mail.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import twisted.mail.imap.CommandReader.Syntax;
import twisted.mail.imap.FetchItem.BodySection;
import twisted.mail.imap.FetchItem.Partial;
import twisted.mail.imap.FetchItem.Section;
import twisted.mail.imap.FetchItem.SectionText;
import twisted.mail.imap.FetchItem.Simple;

/** Reads what {@code FETCH} asks for (RFC 3501 section 9, after {@code fetch}) into {@link FetchItem}s. */
final class FetchItemParser {

    /** How many levels a part number may have: deeper MIME nesting than this is not real mail. */
    private static final int MAX_PART_DEPTH = 64;

    private static final List<FetchItem> FAST = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);

    private static final List<FetchItem> ALL = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE,
            Simple.ENVELOPE);

    private static final List<FetchItem> FULL = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE,
            Simple.ENVELOPE, Simple.BODY);

    private final CommandReader in;

    FetchItemParser(CommandReader in) {
        this.in = in;
    }

    /** {@code "ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")"}. */
    List<FetchItem> items() {
        if (this.in.peek() == '(') {
            return this.in.list(this::item, false);
        }
        long mark = this.in.mark();
        String word = name();
        switch (word) {
            case "ALL":
                return ALL;
            case "FAST":
                return FAST;
            case "FULL":
                return FULL;
            default:
                this.in.reset(mark);
                return List.of(item());
        }
    }

    private String name() {
        return this.in.token(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.',
                "Expected a fetch item").toUpperCase(Locale.ROOT);
    }

    private FetchItem item() {
        String name = name();
        return switch (name) {
            case "FLAGS" -> Simple.FLAGS;
            case "INTERNALDATE" -> Simple.INTERNALDATE;
            case "RFC822" -> Simple.RFC822;
            case "RFC822.HEADER" -> Simple.RFC822_HEADER;
            case "RFC822.SIZE" -> Simple.RFC822_SIZE;
            case "RFC822.TEXT" -> Simple.RFC822_TEXT;
            case "ENVELOPE" -> Simple.ENVELOPE;
            case "BODYSTRUCTURE" -> Simple.BODYSTRUCTURE;
            case "UID" -> Simple.UID;
            case "BODY" -> (this.in.peek() == '[') ? bodySection(false) : Simple.BODY;
            case "BODY.PEEK" -> bodySection(true);
            case "ALL", "FAST", "FULL" -> throw new Syntax("Fetch macros cannot be in a list");
            default -> throw new Syntax("Unknown fetch item");
        };
    }

    private BodySection bodySection(boolean peek) {
        this.in.expect('[', "'[' opening the section");
        Section section = section();
        this.in.expect(']', "']' closing the section");
        return new BodySection(peek, section, partial());
    }

    private Section section() {
        if (this.in.peek() == ']') {
            return new Section(List.of(), null, List.of());
        }
        String spec = name();
        String[] pieces = spec.split("\\.", -1);
        List<Integer> part = new ArrayList<>();
        int i = 0;
        while (i < pieces.length && !pieces[i].isEmpty() && Character.isDigit(pieces[i].charAt(0))) {
            part.add(partNumber(pieces[i]));
            i++;
        }
        if (part.size() > MAX_PART_DEPTH) {
            throw new Syntax("Section part number too deep");
        }
        if (i == pieces.length) {
            return new Section(part, null, List.of());
        }
        String rest = String.join(".", java.util.Arrays.asList(pieces).subList(i, pieces.length));
        SectionText text = switch (rest) {
            case "HEADER" -> SectionText.HEADER;
            case "HEADER.FIELDS" -> SectionText.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> SectionText.HEADER_FIELDS_NOT;
            case "TEXT" -> SectionText.TEXT;
            case "MIME" -> SectionText.MIME;
            default -> throw new Syntax("Invalid section");
        };
        if (text == SectionText.MIME && part.isEmpty()) {
            throw new Syntax("MIME needs a part number");
        }
        List<String> fields = List.of();
        if (text == SectionText.HEADER_FIELDS || text == SectionText.HEADER_FIELDS_NOT) {
            this.in.sp();
            fields = this.in.list(() -> this.in.astring().toUpperCase(Locale.ROOT), false);
            for (String field : fields) {
                if (field.isEmpty() || !field.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ':')) {
                    throw new Syntax("Invalid header field name");
                }
            }
        }
        return new Section(part, text, fields);
    }

    private static int partNumber(String digits) {
        if (digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            throw new Syntax("Invalid section part number");
        }
        int value = Integer.parseInt(digits);
        if (value == 0 || digits.charAt(0) == '0') {
            throw new Syntax("Invalid section part number");
        }
        return value;
    }

    private @Nullable Partial partial() {
        if (!this.in.skip('<')) {
            return null;
        }
        long start = this.in.number(false);
        this.in.expect('.', "'.' in the partial range");
        long length = this.in.number(true);
        this.in.expect('>', "'>' closing the partial range");
        return new Partial(start, length);
    }
}
