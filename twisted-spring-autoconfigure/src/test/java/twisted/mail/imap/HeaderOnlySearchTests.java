package twisted.mail.imap;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import twisted.mail.MessageContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search on header keys reads only the header: what it reads, and which keys need the body.
 */
class HeaderOnlySearchTests {

    private static MessageContent content(String text) {
        return MessageContent.of(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String header(String message) throws Exception {
        return new String(MessageCommands.readHeader(content(message)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void theHeaderEndsAtTheFirstEmptyLineWithCrLfOrBareLf() throws Exception {
        assertThat(header("Subject: a\r\nFrom: b\r\n\r\nbody\r\n\r\nmore")).isEqualTo("Subject: a\r\nFrom: b\r\n\r\n");
        assertThat(header("Subject: a\nFrom: b\n\nbody\n")).isEqualTo("Subject: a\nFrom: b\n\n");
        assertThat(header("Subject: no body")).isEqualTo("Subject: no body");
        assertThat(header("\r\nbody")).isEqualTo("\r\n");
        MessageStructure parsed = MessageStructure.parse(MessageCommands.readHeader(content(
                "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nFrom: b@example.org\r\n\r\n" + "x".repeat(100_000))));
        assertThat(parsed.header("Subject")).isEqualTo("Grüße");
    }

    @Test
    void onlyBodyAndTextNeedTheBody() {
        assertThat(SearchEvaluator.needsBody(new SearchKey.Header("SUBJECT", "x"))).isFalse();
        assertThat(SearchEvaluator.needsBody(new SearchKey.Not(new SearchKey.Body("x")))).isTrue();
        assertThat(SearchEvaluator.needsBody(new SearchKey.Or(new SearchKey.All(), new SearchKey.Text("x")))).isTrue();
        assertThat(SearchEvaluator.needsContent(new SearchKey.Header("FROM", "x"))).isTrue();
        assertThat(SearchEvaluator.needsContent(new SearchKey.Larger(10))).isFalse();
    }
}
