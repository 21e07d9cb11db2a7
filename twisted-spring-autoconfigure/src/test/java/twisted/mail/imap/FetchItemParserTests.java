package twisted.mail.imap;

import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.mail.imap.FetchItem.BodySection;
import twisted.mail.imap.FetchItem.Partial;
import twisted.mail.imap.FetchItem.Section;
import twisted.mail.imap.FetchItem.SectionText;
import twisted.mail.imap.FetchItem.Simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.mail.imap.IMAPParserTests.bad;

class FetchItemParserTests {

    private static List<FetchItem> items(String items) throws IMAPParseException {
        return ((IMAPCommand.Fetch) IMAPParserTests.parse("a FETCH 1 " + items)).items();
    }

    private static FetchItem item(String item) throws IMAPParseException {
        List<FetchItem> items = items(item);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String reason(String items) {
        return bad("a FETCH 1 " + items).reason();
    }

    @Test
    void macrosExpand() throws Exception {
        assertThat(items("ALL")).containsExactly(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE);
        assertThat(items("fast")).containsExactly(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);
        assertThat(items("FULL")).containsExactly(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE,
                Simple.BODY);
        assertThat(reason("(ALL)")).endsWith("Fetch macros cannot be in a list");
        assertThat(reason("(FLAGS FAST)")).endsWith("Fetch macros cannot be in a list");
    }

    @Test
    void simpleItemsKnowTheirNameAndWhetherTheySetSeen() throws Exception {
        assertThat(items("(FLAGS INTERNALDATE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT ENVELOPE BODY BODYSTRUCTURE UID)"))
                .containsExactly(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822, Simple.RFC822_HEADER,
                        Simple.RFC822_SIZE, Simple.RFC822_TEXT, Simple.ENVELOPE, Simple.BODY, Simple.BODYSTRUCTURE,
                        Simple.UID);
        assertThat(Simple.RFC822.setsSeen()).isTrue();
        assertThat(Simple.RFC822_TEXT.setsSeen()).isTrue();
        assertThat(Simple.RFC822_HEADER.setsSeen()).isFalse();
        assertThat(Simple.BODY.setsSeen()).isFalse();
        assertThat(Simple.BODYSTRUCTURE.setsSeen()).isFalse();
        assertThat(Simple.RFC822_SIZE.responseName()).isEqualTo("RFC822.SIZE");
        assertThat(item("rfc822.header")).isEqualTo(Simple.RFC822_HEADER);
    }

    @Test
    void bodySectionsSetSeenAndPeekDoesNot() throws Exception {
        FetchItem body = item("BODY[]");
        assertThat(body).isEqualTo(new BodySection(false, new Section(List.of(), null, List.of()), null));
        assertThat(body.setsSeen()).isTrue();
        assertThat(body.responseName()).isEqualTo("BODY[]");
        FetchItem peek = item("body.peek[]");
        assertThat(peek.setsSeen()).isFalse();
        assertThat(peek.responseName()).isEqualTo("BODY[]");
    }

    @Test
    void sectionsNamePartsAndTexts() throws Exception {
        assertThat(item("BODY[1.2.3]")).isEqualTo(new BodySection(false, new Section(List.of(1, 2, 3), null, List.of()), null));
        assertThat(item("BODY[header]").responseName()).isEqualTo("BODY[HEADER]");
        assertThat(item("BODY[TEXT]").responseName()).isEqualTo("BODY[TEXT]");
        assertThat(item("BODY[2.MIME]")).isEqualTo(new BodySection(false, new Section(List.of(2), SectionText.MIME, List.of()), null));
        assertThat(item("BODY[4.2.HEADER]").responseName()).isEqualTo("BODY[4.2.HEADER]");
        assertThat(item("BODY[1.TEXT]").responseName()).isEqualTo("BODY[1.TEXT]");
        assertThat(reason("BODY[MIME]")).endsWith("MIME needs a part number");
        assertThat(reason("BODY[0]")).endsWith("Invalid section part number");
        assertThat(reason("BODY[01]")).endsWith("Invalid section part number");
        assertThat(reason("BODY[1.]")).endsWith("Invalid section");
        assertThat(reason("BODY[1..2]")).endsWith("Invalid section");
        assertThat(reason("BODY[.1]")).endsWith("Invalid section");
        assertThat(reason("BODY[1.HEADERS]")).endsWith("Invalid section");
        assertThat(reason("BODY[TEXT.1]")).endsWith("Invalid section");
        assertThat(reason("BODY[9999999999]")).endsWith("Invalid section part number");
        assertThat(reason("BODY[" + "1.".repeat(65) + "1]")).endsWith("Section part number too deep");
        assertThat(reason("BODY[1")).endsWith("Expected ']' closing the section");
        assertThat(reason("BODY.PEEK")).endsWith("Expected '[' opening the section");
        assertThat(reason("BODY [1]")).endsWith("Unexpected extra arguments");
    }

    @Test
    void headerFieldListsAreUpperCasedInTheResponseName() throws Exception {
        FetchItem fields = item("BODY.PEEK[HEADER.FIELDS (From \"To\" {2+}\r\nCc)]");
        assertThat(fields).isEqualTo(new BodySection(true, new Section(List.of(), SectionText.HEADER_FIELDS,
                List.of("FROM", "TO", "CC")), null));
        assertThat(fields.responseName()).isEqualTo("BODY[HEADER.FIELDS (FROM TO CC)]");
        assertThat(item("BODY[1.HEADER.FIELDS.NOT (X-Spam)]").responseName())
                .isEqualTo("BODY[1.HEADER.FIELDS.NOT (X-SPAM)]");
        assertThat(reason("BODY[HEADER.FIELDS]")).endsWith("Expected a space between arguments");
        assertThat(reason("BODY[HEADER.FIELDS ()]")).endsWith("Empty list");
        assertThat(reason("BODY[HEADER.FIELDS (From:)]")).endsWith("Invalid header field name");
        assertThat(reason("BODY[HEADER.FIELDS (\"\")]")).endsWith("Invalid header field name");
        assertThat(reason("BODY[HEADER (From)]")).endsWith("Expected ']' closing the section");
    }

    @Test
    void partialFetchesNameTheirStartOnly() throws Exception {
        FetchItem partial = item("BODY[]<0.2048>");
        assertThat(partial).isEqualTo(new BodySection(false, new Section(List.of(), null, List.of()), new Partial(0, 2048)));
        assertThat(partial.responseName()).isEqualTo("BODY[]<0>");
        assertThat(item("BODY.PEEK[1.TEXT]<100.5>").responseName()).isEqualTo("BODY[1.TEXT]<100>");
        assertThat(reason("BODY[]<0.0>")).endsWith("Expected a number above 0");
        assertThat(reason("BODY[]<0>")).endsWith("Expected '.' in the partial range");
        assertThat(reason("BODY[]<1.2")).endsWith("Expected '>' closing the partial range");
        assertThat(reason("BODY[]<4294967296.1>")).endsWith("Number out of range");
        assertThat(reason("BODY<0.1>")).endsWith("Unexpected extra arguments");
    }

    @Test
    void listsAndUnknownItems() throws Exception {
        assertThat(items("(UID BODY.PEEK[HEADER] FLAGS)")).hasSize(3);
        assertThat(reason("()")).endsWith("Empty list");
        assertThat(reason("(FLAGS")).endsWith("Expected ')' closing the list");
        assertThat(reason("BINARY[1]")).endsWith("Unknown fetch item");
        assertThat(reason("(FLAGS  UID)")).endsWith("Expected a fetch item");
    }

    @Test
    void sectionsRefuseImpossibleShapes() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new Section(List.of(), SectionText.MIME, List.of()));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new Section(List.of(), SectionText.HEADER_FIELDS, List.of()));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new Section(List.of(), SectionText.TEXT, List.of("FROM")));
    }
}
