package twisted.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.mail.MemoryMailStore;
import twisted.protocols.basic.FuzzedStream;
import twisted.testing.Clock;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.FuzzedStream.show;

/**
 * Fuzz target: a whole {@link ESMTP} session (the command parser, the state machine and the
 * {@code DATA} reader together) with the default limits or fuzzed small ones, any byte stream, cut
 * as the fuzzer chooses. For every input:
 * <ul>
 * <li>the replies, the messages stored and whether the connection was closed are the same however
 * the stream is cut and whether chunks are lent;</li>
 * <li>nothing escapes {@code dataReceived};</li>
 * <li>every reply is a CR LF terminated line {@code NNN text} or {@code NNN-text} with a code
 * between 200 and 599;</li>
 * <li>no stored message holds a bare CR or a bare LF (nothing can be smuggled through), and each
 * ends with CR LF; the body after the Received header is within the size limit;</li>
 * <li>messages are stored only for a {@code 250 ... queued} reply, and every such reply stored at
 * least one.</li>
 * </ul>
 */
class SMTPServerFuzzTests {

    private static final Pattern REPLY = Pattern.compile("[2-5][0-9][0-9][ -][^\r\n]*");

    private record Outcome(String replies, List<String> stored, boolean closed) {
    }

    @FuzzTest
    void sessionsDoNotDependOnHowTheBytesArrive(FuzzedDataProvider data) {
        boolean small = data.consumeBoolean();
        long maxSize = small ? data.consumeInt(1, 300) : 10L * 1024 * 1024;
        int maxRecipients = small ? data.consumeInt(1, 3) : 100;
        int maxBad = small ? data.consumeInt(1, 5) : 20;
        FuzzedStream stream = FuzzedStream.read(data);
        byte[] bytes = stream.bytes();
        Outcome outcome = stream.sameOutcomeForEveryCut(chunks -> {
            Clock clock = new Clock();
            MemoryMailStore store = new MemoryMailStore("alice", "bob", "postmaster");
            SMTPSettings settings = SMTPSettings.defaults().withHostname("mx.example.com").withMaxMessageSize(maxSize)
                    .withMaxRecipients(maxRecipients).withMaxBadCommands(maxBad);
            SMTPFactory factory = new SMTPFactory(settings, clock,
                    new LocalDelivery(store, Set.of("example.com"), "mx.example.com", clock), null, null, null);
            ESMTP protocol = FuzzedStream.feed(() -> new ESMTP(factory), chunks, p -> {
            });
            StringTransport transport = (StringTransport) protocol.getTransport();
            return new Outcome(new String(transport.value(), StandardCharsets.ISO_8859_1),
                    store.stored().stream().map(MemoryMailStore.Stored::text).toList(), transport.isDisconnecting());
        });

        String replies = outcome.replies();
        assertThat(replies).as("replies to %s", show(bytes)).endsWith("\r\n");
        String[] lines = replies.split("\r\n", -1);
        int queued = 0;
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i]).as("reply line %d to %s", i, show(bytes)).matches(REPLY);
            if (lines[i].startsWith("250 2.0.0 OK: queued") || lines[i].startsWith("250 OK: queued")) {
                queued++;
            }
        }
        for (String message : outcome.stored()) {
            byte[] m = message.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < m.length; i++) {
                if (m[i] == '\r') {
                    assertThat(i + 1 < m.length && m[i + 1] == '\n').as("CR followed by LF in %s", show(m)).isTrue();
                }
                if (m[i] == '\n') {
                    assertThat(i > 0 && m[i - 1] == '\r').as("LF preceded by CR in %s", show(m)).isTrue();
                }
            }
            assertThat(message).endsWith("\r\n");
            int body = message.indexOf("\r\n", message.indexOf("; ")) + 2;
            assertThat((long) (m.length - body)).as("body size of %s", show(m)).isLessThanOrEqualTo(maxSize);
        }
        assertThat(outcome.stored().size()).as("stored messages for %d queued replies", queued)
                .isGreaterThanOrEqualTo(queued);
        if (queued == 0) {
            assertThat(outcome.stored()).isEmpty();
        }
    }
}
