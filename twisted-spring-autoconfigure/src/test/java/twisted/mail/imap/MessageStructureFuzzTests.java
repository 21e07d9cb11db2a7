package twisted.mail.imap;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.mail.MessageInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: {@link MessageStructure} on any bytes as a stored message (the corpus files are
 * messages; the test messages are its seeds). For every input:
 * <ul>
 * <li>nothing throws: parsing, {@code ENVELOPE}, {@code BODYSTRUCTURE}, {@code BODY}, sections,
 * the search helpers;</li>
 * <li>{@code ENVELOPE}, {@code BODYSTRUCTURE} and {@code BODY} are well formed ({@link ImapValues}:
 * balanced parentheses, quoted strings with only legal characters and escapes, literals of exactly
 * their stated UTF-8 length, nothing after the value); the envelope has its ten fields;
 * {@code BODY} is {@code BODYSTRUCTURE} without extension data, so never longer;</li>
 * <li>sections chosen by the input's own bytes (part numbers up to three levels, every section
 * text) are no longer than the message, apart from the line ends {@code HEADER.FIELDS} adds, and
 * {@code BODY[]} is the message itself;</li>
 * <li>a {@code TEXT} search evaluates without error.</li>
 * </ul>
 */
class MessageStructureFuzzTests {

    private static final FetchItem.SectionText[] TEXTS = {null, FetchItem.SectionText.HEADER,
        FetchItem.SectionText.TEXT, FetchItem.SectionText.MIME, FetchItem.SectionText.HEADER_FIELDS,
        FetchItem.SectionText.HEADER_FIELDS_NOT};

    @FuzzTest
    void structureIsWellFormedForAnyBytes(byte[] input) {
        MessageStructure structure = MessageStructure.parse(input);
        List<String> envelope = ImapValues.tokens(structure.envelope());
        assertThat(topLevelCount(envelope)).isEqualTo(10);
        List<String> extended = ImapValues.tokens(structure.bodyStructure());
        List<String> body = ImapValues.tokens(structure.body());
        assertThat(body.size()).isLessThanOrEqualTo(extended.size());
        assertThat(structure.section(new FetchItem.Section(List.of(), null, List.of()))).isEqualTo(input);
        for (FetchItem.Section section : sections(input)) {
            byte[] bytes = structure.section(section);
            int allowance = (section.fields().isEmpty()) ? 0 : 2 * (input.length + 1);
            assertThat(bytes.length).as(section.toString()).isLessThanOrEqualTo(input.length + allowance);
        }
        structure.header("Subject");
        structure.headerText();
        structure.sentDate();
        structure.text();
        MessageInfo info = new MessageInfo(1, java.util.Set.of(), java.time.Instant.EPOCH, input.length);
        SearchEvaluator.matches(new SearchKey.Text("x"), 1, info, 1, 1, () -> structure);
    }

    /** How many values the outermost list holds. */
    private static int topLevelCount(List<String> tokens) {
        int depth = 0;
        int count = 0;
        for (String token : tokens) {
            if (token.equals("(")) {
                if (depth == 1) {
                    count++;
                }
                depth++;
            }
            else if (token.equals(")")) {
                depth--;
            }
            else if (depth == 1) {
                count++;
            }
        }
        return count;
    }

    /** Sections from the first bytes of the input: up to 8, each with 0 to 3 part numbers. */
    private static List<FetchItem.Section> sections(byte[] input) {
        List<FetchItem.Section> sections = new ArrayList<>();
        for (int i = 0; i + 1 < Math.min(input.length, 16); i += 2) {
            int a = input[i] & 0xFF;
            int b = input[i + 1] & 0xFF;
            List<Integer> part = new ArrayList<>();
            for (int level = 0; level < a % 4; level++) {
                part.add(1 + ((b >> (2 * level)) & 3));
            }
            FetchItem.SectionText text = TEXTS[(a / 4) % TEXTS.length];
            if (text == FetchItem.SectionText.MIME && part.isEmpty()) {
                text = null;
            }
            boolean named = text == FetchItem.SectionText.HEADER_FIELDS
                    || text == FetchItem.SectionText.HEADER_FIELDS_NOT;
            sections.add(new FetchItem.Section(part, text, named ? List.of("SUBJECT", "FROM") : List.of()));
        }
        return sections;
    }
}
