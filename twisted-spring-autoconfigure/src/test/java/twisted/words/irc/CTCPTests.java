package twisted.words.irc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CTCP framing and both levels of quoting, with Twisted's own examples. */
class CTCPTests {

    @Test
    void lowQuotingEscapesWhatALineCannotCarryAndRoundTrips() {
        String raw = "a\0b\nc\rd\u0010e";
        String quoted = CTCP.lowQuote(raw);
        assertThat(quoted).isEqualTo("a\u00100b\u0010nc\u0010rd\u0010\u0010e").doesNotContain("\0", "\r", "\n");
        assertThat(CTCP.lowDequote(quoted)).isEqualTo(raw);
        assertThat(CTCP.lowDequote("x\u0010")).isEqualTo("x");
    }

    @Test
    void ctcpQuotingEscapesTheDelimiterAndBackslashAndRoundTrips() {
        String raw = "a\u0001b\\c";
        assertThat(CTCP.ctcpQuote(raw)).isEqualTo("a\\ab\\\\c");
        assertThat(CTCP.ctcpDequote(CTCP.ctcpQuote(raw))).isEqualTo(raw);
    }

    @Test
    void extractSeparatesTaggedAndNormalText() {
        CTCP.Extracted parts = CTCP.ctcpExtract("hi \u0001ACTION waves\u0001 there \u0001VERSION\u0001\u0001PING a\\\\b");
        assertThat(parts.extended()).containsExactly(new CTCP.Message("ACTION", "waves"), new CTCP.Message("VERSION", null),
                new CTCP.Message("PING", "a\\b"));
        assertThat(parts.normal()).containsExactly("hi ", " there ");
    }

    @Test
    void stringifyFramesQuotesAndExtractReadsItBack() {
        List<CTCP.Message> messages = List.of(new CTCP.Message("PING", "x\u0001y\nz"), new CTCP.Message("VERSION", null));
        String text = CTCP.ctcpStringify(messages);
        assertThat(text).doesNotContain("\n").startsWith("\u0001PING ").endsWith("\u0001VERSION\u0001");
        assertThat(CTCP.ctcpExtract(text).extended()).isEqualTo(messages);
        assertThat(CTCP.isCTCP(text)).isTrue();
        assertThat(CTCP.isCTCP("plain")).isFalse();
    }
}
