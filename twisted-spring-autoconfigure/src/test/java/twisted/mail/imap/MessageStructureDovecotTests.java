package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageStructure} gives what Dovecot 2.3 gave for the same messages (recorded by
 * {@link MessageStructureDovecotRecording}; no Dovecot needed here). Strings compare by value,
 * whether quoted or a literal. Differences on purpose, and how they are compared:
 * <ul>
 * <li>{@code BODY}: Dovecot lower-cases types and parameters there (not in {@code BODYSTRUCTURE});
 * we keep them as written in both, so {@code BODY} compares ignoring case.</li>
 * <li>{@code lf-only.eml}: Dovecot serves bare LFs as CR LF and counts sizes so; we give the
 * stored bytes. Its sections compare after turning our bare LFs into CR LF (partial ranges are then
 * taken of that, as Dovecot counts octets), and its structure is
 * compared for the same message with CR LF line ends (the LF message's own sizes are checked in
 * {@link MessageStructureTests}).</li>
 * </ul>
 */
class MessageStructureDovecotTests {

    static Stream<String> messages() {
        return DovecotFixtures.MESSAGES.stream();
    }

    @ParameterizedTest
    @MethodSource("messages")
    void answersAsDovecotDoes(String name) throws Exception {
        byte[] bytes = DovecotFixtures.message(name);
        boolean lf = name.equals("lf-only");
        MessageStructure ours = MessageStructure.parse(bytes);
        MessageStructure crlf = lf ? MessageStructure.parse(toCrlf(bytes)) : ours;
        Map<String, byte[]> dovecot = DovecotFixtures.read(name);
        assertThat(dovecot.keySet()).containsExactlyElementsOf(DovecotFixtures.ITEMS);
        for (Map.Entry<String, byte[]> recorded : dovecot.entrySet()) {
            String item = recorded.getKey();
            byte[] theirs = recorded.getValue();
            switch (item) {
                case "ENVELOPE" -> assertThat(ImapValues.tokens(ours.envelope())).as(name + " " + item)
                        .isEqualTo(ImapValues.tokens(theirs));
                case "BODYSTRUCTURE" -> assertThat(ImapValues.tokens(crlf.bodyStructure())).as(name + " " + item)
                        .isEqualTo(ImapValues.tokens(theirs));
                case "BODY" -> assertThat(lower(ImapValues.tokens(crlf.body()))).as(name + " " + item)
                        .isEqualTo(lower(ImapValues.tokens(theirs)));
                default -> {
                    FetchItem.BodySection section = section(item);
                    byte[] value = ours.section(section.section());
                    if (lf) {
                        value = toCrlf(value);
                    }
                    if (section.partial() != null) {
                        value = MessageStructure.partial(value, section.partial());
                    }
                    assertThat(new String(value, StandardCharsets.UTF_8)).as(name + " " + item)
                            .isEqualTo(new String(ImapValues.string(theirs), StandardCharsets.UTF_8));
                }
            }
        }
    }

    static FetchItem.BodySection section(String item) throws IMAPParseException {
        IMAPCommand command = new IMAPParser().parse(RawCommand.of("a FETCH 1 (" + item + ")"));
        return (FetchItem.BodySection) ((IMAPCommand.Fetch) command).items().get(0);
    }

    private static List<String> lower(List<String> tokens) {
        return tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    /** Bare LFs as CR LF, as Dovecot serves a file that has them. */
    static byte[] toCrlf(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }
}
