package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageStructure} on its own: what the Dovecot comparison
 * ({@link MessageStructureDovecotTests}) does not cover (bare LF sizes, limits, the search
 * helpers, odd input).
 */
class MessageStructureTests {

    private static MessageStructure parse(String message) {
        return MessageStructure.parse(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String section(MessageStructure structure, String item) throws IMAPParseException {
        FetchItem.BodySection section = MessageStructureDovecotTests.section(item);
        return new String(structure.section(section.section()), StandardCharsets.UTF_8);
    }

    @Test
    void bareLfSizesAndLinesAreOfTheStoredBytes() throws Exception {
        MessageStructure lf = MessageStructure.parse(DovecotFixtures.message("lf-only"));
        assertThat(lf.bodyStructure()).isEqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1"
                + " NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0 NIL NIL NIL NIL)"
                + " \"mixed\" (\"boundary\" \"lf\") NIL NIL NIL)");
        assertThat(section(lf, "BODY[1]")).isEqualTo("one\ntwo");
        assertThat(section(lf, "BODY[1.MIME]")).isEqualTo("Content-Type: text/plain\n\n");
    }

    @Test
    void missingContentTypeIsTextPlainUsAscii() {
        assertThat(parse("Subject: x\r\n\r\nhi\r\n").body())
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 1)");
    }

    @Test
    void brokenContentTypeIsTextPlainUsAscii() {
        assertThat(parse("Content-Type: garbage\r\n\r\nhi").body())
                .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 2 0)");
    }

    @Test
    void messageWithoutBodyHasAnEmptyOne() throws Exception {
        MessageStructure structure = parse("Subject: only a header\r\n");
        assertThat(structure.body()).endsWith("\"7bit\" 0 0)");
        assertThat(section(structure, "BODY[HEADER]")).isEqualTo("Subject: only a header\r\n");
        assertThat(section(structure, "BODY[TEXT]")).isEmpty();
    }

    @Test
    void emptyMessageParses() {
        MessageStructure structure = MessageStructure.parse(new byte[0]);
        assertThat(structure.envelope()).isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        assertThat(structure.body()).isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    }

    @Test
    void partialTakesARangeAndStopsAtTheEnd() {
        byte[] section = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(MessageStructure.partial(section, new FetchItem.Partial(2, 3))).asString().isEqualTo("234");
        assertThat(MessageStructure.partial(section, new FetchItem.Partial(8, 100))).asString().isEqualTo("89");
        assertThat(MessageStructure.partial(section, new FetchItem.Partial(10, 1))).isEmpty();
        assertThat(MessageStructure.partial(section, new FetchItem.Partial(Long.MAX_VALUE, 1))).isEmpty();
    }

    @Test
    void headerFieldsOfAMessageWithoutThemIsAnEmptyLine() throws Exception {
        assertThat(section(parse("Subject: x\r\n\r\nbody"), "BODY[HEADER.FIELDS (X-NONE)]")).isEqualTo("\r\n");
    }

    @Test
    void headerDecodesEncodedWordsAndJoinsRepeatedFields() throws Exception {
        MessageStructure structure = MessageStructure.parse(DovecotFixtures.message("encoded-word-subject"));
        assertThat(structure.header("subject")).isEqualTo("Élègue subject and café");
        assertThat(structure.header("X-Missing")).isNull();
        assertThat(parse("Received: a\r\nReceived: b\r\n\r\n").header("Received")).isEqualTo("a\nb");
    }

    @Test
    void textDecodesQuotedPrintableBase64AndCharsets() throws Exception {
        assertThat(MessageStructure.parse(DovecotFixtures.message("quoted-printable")).text())
                .contains("Un café crème, s'il vous plaît. This line is long enough that it gets a soft break.");
        assertThat(MessageStructure.parse(DovecotFixtures.message("alternative-in-mixed")).text())
                .contains("Plain version ✓").contains("<p>HTML version</p>").doesNotContain("iVBORw0KGgo");
        assertThat(parse("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "R3LDvMOfZQ==\r\n").text()).isEqualTo("Grüße\n");
        assertThat(parse("Content-Type: text/plain; charset=no-such-charset\r\n\r\nplain").text()).isEqualTo("plain\n");
    }

    @Test
    void textIncludesAttachedMessages() throws Exception {
        assertThat(MessageStructure.parse(DovecotFixtures.message("rfc822-attachment")).text())
                .contains("Forwarded message below.").contains("original text");
    }

    @Test
    void sentDateIsReadLenientlyWithItsOffset() throws Exception {
        assertThat(MessageStructure.parse(DovecotFixtures.message("plain")).sentDate())
                .isEqualTo(OffsetDateTime.parse("1994-02-07T21:52:25-08:00"));
        assertThat(MessageStructure.parse(DovecotFixtures.message("group-address")).sentDate())
                .isEqualTo(OffsetDateTime.parse("2025-04-07T10:00:00Z"));
        assertThat(MessageStructure.parse(DovecotFixtures.message("folded-headers")).sentDate())
                .isEqualTo(OffsetDateTime.parse("2025-04-09T12:00:00Z"));
        assertThat(MessageStructure.parse(DovecotFixtures.message("missing-date")).sentDate()).isNull();
        assertThat(parse("Date: 1 Jan 99 00:00 EST\r\n\r\n").sentDate())
                .isEqualTo(OffsetDateTime.parse("1999-01-01T00:00:00-05:00"));
        assertThat(parse("Date: not a date\r\n\r\n").sentDate()).isNull();
        assertThat(parse("Date: 31 Feb 2025 10:00 +0000\r\n\r\n").sentDate()).isNull();
    }

    @Test
    void addressesWithRoutesQuotesAndNoDomain() {
        MessageStructure structure = parse("From: \"a \\\"b\\\"\" <@route.example:x@y.example>\r\n"
                + "To: undisclosed\r\nCc: \"quoted local\"@example.org\r\n\r\n");
        assertThat(ImapValues.tokens(structure.envelope())).containsSubsequence("(", "(", "S:a \"b\"",
                "S:@route.example", "S:x", "S:y.example", ")", ")");
        assertThat(structure.envelope()).contains("((NIL NIL \"undisclosed\" \"MISSING_DOMAIN\"))")
                .contains("((NIL NIL \"quoted local\" \"example.org\"))");
    }

    @Test
    void nestingBeyondTheLimitIsOpaqueText() {
        StringBuilder message = new StringBuilder();
        int levels = MimeParser.MAX_DEPTH + 20;
        for (int i = 0; i < levels; i++) {
            message.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        message.append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        MessageStructure structure = parse(message.toString());
        String body = structure.body();
        assertThat(ImapValues.tokens(body)).isNotEmpty();
        assertThat(body).startsWith("(".repeat(MimeParser.MAX_DEPTH)).doesNotContain("\"b" + (levels - 1) + "\"");
    }

    @Test
    void partsBeyondTheLimitAreOneOpaquePart() {
        StringBuilder message = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < MimeParser.MAX_PARTS + 50; i++) {
            message.append("--b\r\n\r\n").append(i).append("\r\n");
        }
        message.append("--b--\r\n");
        List<String> tokens = ImapValues.tokens(parse(message.toString()).body());
        long parts = tokens.stream().filter(t -> t.equals("S:plain")).count();
        assertThat(parts).isEqualTo(MimeParser.MAX_PARTS);
    }

    @Test
    void missingClosingBoundaryRunsToTheEnd() throws Exception {
        MessageStructure structure = parse("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\none\r\n--x\r\n"
                + "\r\ntwo\r\n");
        assertThat(section(structure, "BODY[2]")).isEqualTo("two\r\n");
        assertThat(section(structure, "BODY[1]")).isEqualTo("one");
    }

    @Test
    void boundaryLinesMayHaveTrailingBlanksButNotOtherText() throws Exception {
        MessageStructure structure = parse("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x  \r\n\r\none\r\n"
                + "--xy\r\nstill one\r\n--x--\r\n");
        assertThat(section(structure, "BODY[1]")).isEqualTo("one\r\n--xy\r\nstill one");
    }

    @Test
    void digestPartsDefaultToMessageRfc822() {
        MessageStructure structure = parse("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\n"
                + "Subject: inner\r\n\r\nhi\r\n--d--\r\n");
        assertThat(structure.bodyStructure()).startsWith("((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 20 (NIL"
                + " \"inner\"");
    }

    @Test
    void colonsInAddressesStartOneGroupAtMost() {
        // a header of colons once made one nested group per colon, and a stack overflow
        String colons = "a:".repeat(100_000);
        MessageStructure structure = parse("To: " + colons + "\r\nCc: g: x:y@example.org;\r\n\r\n");
        List<String> tokens = ImapValues.tokens(structure.envelope());
        assertThat(tokens).contains("S:MISSING_DOMAIN");
        assertThat(structure.envelope()).contains("((NIL NIL \"g\" NIL)(NIL NIL \"xy\" \"example.org\")(NIL NIL NIL NIL))");
    }

    @Test
    void longFoldedHeadersParseInLinearTime() {
        String folded = "Subject: x\r\n" + " more\r\n".repeat(200_000) + "\r\nbody";
        MessageStructure structure = parse(folded);
        assertThat(structure.header("subject")).startsWith("x more more").hasSize(1 + 5 * 200_000);
        assertThat(structure.body()).endsWith("\"7bit\" 4 0)");
    }
}
